package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.selection.SampleServers.EDITOR;
import static org.switchboard.selection.SampleServers.berlin;
import static org.switchboard.selection.SampleServers.demand;
import static org.switchboard.selection.SampleServers.frankfurt;
import static org.switchboard.selection.SampleServers.newYork;
import static org.switchboard.selection.SampleServers.server;

import java.util.Arrays;
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
    void anEmptyFleetChoosesNothing() {
        assertThat(select(demand("alice", "")).chosen()).isEmpty();
    }

    @Test
    void tiesBreakByNameSoDecisionsAreRepeatable() {
        assertThat(select(demand("alice", ""), server("b"), server("a")).chosen()).contains("a");
    }
}
