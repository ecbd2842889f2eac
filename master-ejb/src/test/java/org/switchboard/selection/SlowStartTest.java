package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.selection.SampleServers.NOW;
import static org.switchboard.selection.SampleServers.demand;
import static org.switchboard.selection.SampleServers.server;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A server that just joined ramps up over the window (default 60 s, starting from a tenth of its capacity). */
class SlowStartTest {

    private final Selection selection = new Selection();

    private Decision selectNow(SampleServers.Builder... servers) {
        return selection.select(new Board(Arrays.stream(servers).map(SampleServers.Builder::build).toList(), NOW),
                demand("alice", ""));
    }

    @Test
    void anIdleNewServerTakesWork() {
        Decision decision = selectNow(server("old").capacity(100).load(20), server("new").capacity(100).joinedSecondsAgo(1));

        assertThat(decision.chosen()).contains("new");
        assertThat(decision.candidates().get(0).slowStartShare()).isEqualTo(0.1);
    }

    @Test
    void aNewServerIsRankedWithItsShareOfCapacity() {
        Decision decision = selectNow(server("old").capacity(100).load(20),
                server("new").capacity(100).load(3).joinedSecondsAgo(1));

        assertThat(decision.chosen()).as("3 of a tenth of 100 scores 30%, above the old server's 20%").contains("old");
        assertThat(decision.candidates()).filteredOn(candidate -> candidate.server().equals("new")).singleElement()
                .satisfies(candidate -> assertThat(candidate.score()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(decision.reason()).contains("joined in the last 60 s");
    }

    @Test
    void theShareGrowsWithTime() {
        Decision decision = selectNow(server("old").capacity(100).load(20),
                server("new").capacity(100).load(9).joinedSecondsAgo(30));

        assertThat(decision.chosen()).as("9 of half of 100 scores 18%").contains("new");
    }

    @Test
    void afterTheWindowANewServerIsLikeAnyOther() {
        Decision decision = selectNow(server("old").capacity(100).load(20),
                server("new").capacity(100).load(19).joinedSecondsAgo(61));

        assertThat(decision.chosen()).contains("new");
        assertThat(decision.candidates().get(0).slowStartShare()).isEqualTo(1.0);
        assertThat(decision.reason()).doesNotContain("joined");
    }

    @Test
    void whenEveryEligibleServerIsNewNoneIsHeldBack() {
        Decision decision = selectNow(server("a").load(5).joinedSecondsAgo(40), server("b").load(2).joinedSecondsAgo(1),
                server("old-but-drained").drained());

        assertThat(decision.chosen()).as("a fleet that just started is balanced by load alone").contains("b");
        assertThat(decision.candidates()).allSatisfy(candidate -> assertThat(candidate.slowStartShare()).isEqualTo(1.0));
    }

    @Test
    void aBoardWithoutATimeAppliesNoSlowStart() {
        Decision decision = selection.select(new Board(java.util.List.of(server("old").capacity(100).load(20).build(),
                server("new").capacity(100).load(3).joinedSecondsAgo(1).build())), demand("alice", ""));

        assertThat(decision.chosen()).contains("new");
    }

    @Test
    void aZeroWindowTurnsSlowStartOff() {
        Selection noSlowStart = new Selection(SelectionPolicy.DEFAULTS.withSlowStart(java.time.Duration.ZERO, 0.1));

        Decision decision = noSlowStart.select(new Board(java.util.List.of(server("old").capacity(100).load(20).build(),
                server("new").capacity(100).load(3).joinedSecondsAgo(1).build()), NOW), demand("alice", ""));

        assertThat(decision.chosen()).contains("new");
    }

    @Test
    void theClientsOwnServerIsKeptEvenWhileItRamps() {
        Decision decision = selectNow(server("old").capacity(100),
                server("new").capacity(100).load(5).serving("alice").joinedSecondsAgo(1));

        assertThat(decision.chosen()).contains("new");
    }

    @Test
    void aNewServerAloneInTheNearRingSpillsOnceItsShareIsUsedUp() {
        Decision decision = selection.select(new Board(java.util.List.of(
                server("near-new").at("eu/de/ber").capacity(100).load(8).joinedSecondsAgo(1).build(),
                server("far-old").at("us/ny/nyc").capacity(100).build()), NOW), demand("alice", "eu/de/ber"));

        assertThat(decision.chosen()).as("8 of a tenth of 100 scores 80%, 80 points above new york").contains("far-old");
    }
}
