package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.selection.SampleServers.EDITOR;
import static org.switchboard.selection.SampleServers.berlin;
import static org.switchboard.selection.SampleServers.demand;
import static org.switchboard.selection.SampleServers.frankfurt;
import static org.switchboard.selection.SampleServers.newYork;
import static org.switchboard.selection.SampleServers.server;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private final Selection selection = new Selection();

    private Decision select(Demand demand, SampleServers.Builder... servers) {
        return selection.select(new Board(Arrays.stream(servers).map(SampleServers.Builder::build).toList()), demand);
    }

    @Test
    void choosesTheLeastLoadedWhenAllElseIsEqual() {
        Decision decision = select(demand("alice", ""), server("a").load(5), server("b").load(2), server("c").load(7));

        assertThat(decision.chosen()).contains("b");
    }

    @Test
    void comparesLoadPerCapacityUnit() {
        Decision decision = select(demand("alice", ""), server("small").capacity(4).load(2),
                server("big").capacity(40).load(10));

        assertThat(decision.chosen()).contains("big");
    }

    @Test
    void prefersTheNearestLocationOverLowerLoad() {
        Decision decision = select(demand("alice", "eu/de/ber"), frankfurt(), berlin().load(6), newYork());

        assertThat(decision.chosen()).contains("ber-1");
        assertThat(decision.candidates()).extracting(Candidate::server).containsExactly("ber-1", "fra-1", "nyc-1");
    }

    @Test
    void spillsToTheNextNearestWhenTheNearestIsFull() {
        Decision decision = select(demand("alice", "eu/de/ber"), berlin().capacity(2).load(2), frankfurt(), newYork());

        assertThat(decision.chosen()).contains("fra-1");
    }

    @Test
    void groupsAClientOnTheServerAlreadyServingIt() {
        Decision decision = select(demand("alice", "eu/de/ber"), berlin(), newYork().serving("alice").load(8));

        assertThat(decision.chosen()).contains("nyc-1");
        assertThat(decision.candidates().get(0).servesClient()).isTrue();
    }

    @Test
    void leavesTheClientsServerWhenItIsFull() {
        Decision decision = select(demand("alice", ""), server("a").serving("alice").capacity(1).load(1), server("b"));

        assertThat(decision.chosen()).contains("b");
    }

    @Test
    void excludesServersThatCannotServeAndSaysWhy() {
        Decision decision = select(demand("alice", ""),
                server("no-app").offering(EDITOR), server("dead").down(), server("drained").drained(),
                server("full").capacity(3).load(3));

        assertThat(decision.chosen()).isEmpty();
        assertThat(decision.exclusions()).extracting(Candidate::server, Candidate::excluded).containsExactly(
                org.assertj.core.groups.Tuple.tuple("no-app", "does not offer bash"),
                org.assertj.core.groups.Tuple.tuple("dead", "down: its load reports stopped"),
                org.assertj.core.groups.Tuple.tuple("drained", "drained by an operator"),
                org.assertj.core.groups.Tuple.tuple("full", "full: 3 of 3 in use"));
    }

    @Test
    void spillsOutwardsWhenTheNearRingIsMuchBusierThanTheNextOne() {
        Decision decision = select(demand("alice", "eu/de/ber"), berlin().load(9), frankfurt().load(1), newYork());

        assertThat(decision.chosen()).as("berlin 90% is more than 75 points above new york's 0%").contains("fra-1");
        assertThat(decision.reason()).contains("spilled to proximity 2").contains("90%");
    }

    @Test
    void keepsTheNearRingWhileItIsWithinTheSpillMargin() {
        Decision decision = select(demand("alice", "eu/de/ber"), berlin().load(7), newYork());

        assertThat(decision.chosen()).as("70% is not more than 75 points above 0%").contains("ber-1");
        assertThat(decision.reason()).doesNotContain("spilled");
    }

    @Test
    void spillsPastARingThatIsBusyToo() {
        Decision decision = select(demand("alice", "eu/de/ber"), berlin().load(9), frankfurt().load(8),
                server("far").at("us/ny/nyc"));

        assertThat(decision.chosen()).as("frankfurt 80% is itself much busier than new york").contains("far");
    }

    @Test
    void spillsOnlyAsFarAsNeeded() {
        Decision decision = select(demand("alice", "eu/de/ber"), berlin().load(9), frankfurt().load(1),
                server("far").at("us/ny/nyc"));

        assertThat(decision.chosen()).as("frankfurt 10% is not much busier than new york").contains("fra-1");
    }

    @Test
    void anInfiniteMarginKeepsTheNearRingUntilItIsFull() {
        Selection stubborn = new Selection(SelectionPolicy.DEFAULTS.withSpillMargin(Double.POSITIVE_INFINITY));

        Decision decision = stubborn.select(new Board(List.of(berlin().load(9).build(), newYork().build())),
                demand("alice", "eu/de/ber"));

        assertThat(decision.chosen()).contains("ber-1");
    }

    @Test
    void withoutNearestFirstOnlyLoadCounts() {
        Selection anywhere = new Selection(SelectionPolicy.DEFAULTS.withNearestFirst(false));

        Decision decision = anywhere.select(new Board(List.of(berlin().load(6).build(), newYork().load(1).build())),
                demand("alice", "eu/de/ber"));

        assertThat(decision.chosen()).contains("nyc-1");
        assertThat(decision.reason()).doesNotContain("proximity");
    }

    @Test
    void withoutGroupingByClientTheClientsServerIsJustAnotherServer() {
        Selection ungrouped = new Selection(SelectionPolicy.DEFAULTS.withGroupByClient(false));

        Decision decision = ungrouped.select(new Board(List.of(server("a").serving("alice").load(5).build(),
                server("b").load(1).build())), demand("alice", ""));

        assertThat(decision.chosen()).contains("b");
        assertThat(decision.candidates()).extracting(Candidate::server).containsExactly("b", "a");
    }

    @Test
    void amongTheClientsServersTheNearestLeastLoadedWins() {
        Decision decision = select(demand("alice", "eu/de/ber"), newYork().serving("alice"),
                frankfurt().serving("alice").load(3), server("fra-2").at("eu/de/fra").serving("alice").load(2),
                berlin());

        assertThat(decision.chosen()).contains("fra-2");
        assertThat(decision.reason()).startsWith("already serves alice");
    }

    @Test
    void sizesTheRankingToTheBoardAndPutsTheChosenFirst() {
        Decision decision = select(demand("alice", "eu/de/ber"), newYork(), berlin().load(9), frankfurt().load(1),
                server("dead").down());

        assertThat(decision.candidates()).extracting(Candidate::server)
                .containsExactly("fra-1", "ber-1", "nyc-1", "dead");
        assertThat(decision.candidates().get(0).score()).isEqualTo(0.1);
    }

    @Test
    void saysWhyNothingWasChosen() {
        Decision decision = select(demand("alice", ""), server("dead").down());

        assertThat(decision.reason()).startsWith("no server can run bash now");
    }

    @Test
    void anEmptyFleetChoosesNothing() {
        assertThat(select(demand("alice", "")).chosen()).isEmpty();
    }

    @Test
    void tiesBreakByNameSoDecisionsAreRepeatable() {
        assertThat(select(demand("alice", ""), server("b"), server("a")).chosen()).contains("a");
    }
}
