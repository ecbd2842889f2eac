package org.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small versions of the scenarios in {@code docs/selection.md}, quick enough for every build; the full ones run from
 * Maven's exec plugin.
 */
class SimulatorTest {

    /** 200 servers, 20 minutes measured: a few seconds, and already far from the herd. */
    private static final Scenario SMALL_STEADY = Scenario.steady()
            .with(List.of("servers=200", "warm-up=60m", "measured=20m"));

    @Test
    void theRealCoreStaysBalancedWhereTheNaiveLeastLoadedHerds() {
        Result naive = Simulator.run(SMALL_STEADY, "stale-least-loaded");
        Result ours = Simulator.run(SMALL_STEADY, "switchboard");

        assertThat(naive.p99Imbalance()).as("a fifth of the fleet herds less, but still").isGreaterThan(1.5);
        assertThat(ours.p99Imbalance()).isLessThan(1.15);
        assertThat(ours.failures()).isZero();
        assertThat(ours.launches()).isEqualTo(naive.launches() + naive.failures());
    }

    @Test
    void muchStalerReportsCostLittleBecauseTheMasterCountsItsOwnPlacements() {
        Result ours = Simulator.run(SMALL_STEADY.with(List.of("report-every=100s")), "switchboard");

        assertThat(ours.p99Imbalance()).isLessThan(1.25);
    }

    @Test
    void aStormStaysEvenAndTheJoiningServerRampsWithinItsAllowance() {
        Result ours = Simulator.run(Scenario.storm(), "switchboard");

        assertThat(ours.p99Imbalance()).isLessThanOrEqualTo(1.15);
        assertThat(ours.failures()).isZero();
        assertThat(ours.launches()).isEqualTo(1000);
        assertThat(ours.slowStartExcess()).isLessThanOrEqualTo(0);
        assertThat(ours.joinedLoad()).as("it does take some work").isPositive();
    }

    @Test
    void withoutSlowStartTheJoiningServerTakesMoreThanItsAllowance() {
        Result countingOwn = Simulator.run(Scenario.storm(), "least-loaded-counting-own");

        assertThat(countingOwn.slowStartExcess()).isPositive();
    }

    @Test
    void runsAreRepeatableForASeed() {
        Scenario scenario = Scenario.storm().with(List.of("seed=7"));

        assertThat(Simulator.run(scenario, "power-of-two-choices"))
                .isEqualTo(Simulator.run(scenario, "power-of-two-choices"));
    }

    @Test
    void printsOneRowPerPlacement() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Simulator.print(Scenario.storm(), List.of(Simulator.run(Scenario.storm(), "round-robin")),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("storm: servers=20").contains("round-robin");
    }
}
