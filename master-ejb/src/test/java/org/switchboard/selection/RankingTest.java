package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.selection.SampleServers.NOW;
import static org.switchboard.selection.SampleServers.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reasons are worked out apart from the one-pass choice, so they are checked against it on many random boards:
 * if the two ever disagreed, a decision would say one thing and do another.
 */
class RankingTest {

    private static final String[] LOCATIONS = {"eu/de/ber", "eu/de/fra", "eu/fr/par", "us/ny/nyc", ""};
    private static final Comparator<Candidate> REFERENCE = Comparator.comparing(Candidate::servesClient).reversed()
            .thenComparing(Comparator.comparingInt(Candidate::proximity).reversed())
            .thenComparingDouble(Candidate::score)
            .thenComparing(Candidate::server);

    private final Random random = new Random(20260301);

    private Board randomBoard() {
        List<ServerView> servers = new ArrayList<>();
        int size = random.nextInt(12);
        for (int i = 0; i < size; i++) {
            SampleServers.Builder builder = server("s" + random.nextInt(1000) + "-" + i)
                    .at(LOCATIONS[random.nextInt(LOCATIONS.length)]).capacity(1 + random.nextInt(8));
            builder.load(random.nextInt(10));
            if (random.nextInt(4) == 0) {
                builder.serving("alice");
            }
            if (random.nextInt(5) == 0) {
                builder.joinedSecondsAgo(random.nextInt(90));
            }
            switch (random.nextInt(10)) {
                case 0 -> builder.down();
                case 1 -> builder.drained();
                case 2 -> builder.offering(SampleServers.EDITOR);
                default -> { }
            }
            servers.add(builder.build());
        }
        return new Board(servers, NOW);
    }

    @Test
    void theChosenServerLeadsTheRankingAndEveryScoreCanBeWrittenAsJson() {
        Selection selection = new Selection();
        for (int round = 0; round < 2000; round++) {
            Board board = randomBoard();
            Decision decision = selection.select(board, SampleServers.demand("alice", LOCATIONS[random.nextInt(5)]));

            assertThat(decision.candidates()).hasSize(board.servers().size());
            assertThat(decision.chosen().isPresent())
                    .isEqualTo(decision.candidates().stream().anyMatch(Candidate::eligible));
            decision.chosen().ifPresent(chosen -> assertThat(decision.candidates().get(0).server()).isEqualTo(chosen));
            assertThat(decision.candidates()).allSatisfy(candidate -> {
                assertThat(Double.isFinite(candidate.score())).isTrue();
                assertThat(Double.isFinite(candidate.utilisation())).isTrue();
            });
        }
    }

    @Test
    void withoutSpillingTheChoiceIsTheBestByClientThenProximityThenScoreThenName() {
        Selection selection = new Selection(SelectionPolicy.DEFAULTS.withSpillMargin(Double.POSITIVE_INFINITY));
        for (int round = 0; round < 2000; round++) {
            Decision decision = selection.select(randomBoard(),
                    SampleServers.demand("alice", LOCATIONS[random.nextInt(5)]));

            List<Candidate> eligible = decision.candidates().stream().filter(Candidate::eligible).toList();
            eligible.stream().min(REFERENCE).ifPresent(best -> assertThat(decision.chosen()).contains(best.server()));
            assertThat(eligible.stream().skip(1).toList()).isSortedAccordingTo(REFERENCE);
        }
    }

    @Test
    void aSpilledChoiceIsStillTheBestOfItsRing() {
        Selection selection = new Selection(SelectionPolicy.DEFAULTS.withSpillMargin(0.2));
        for (int round = 0; round < 2000; round++) {
            Decision decision = selection.select(randomBoard(),
                    SampleServers.demand("alice", LOCATIONS[random.nextInt(5)]));
            if (decision.chosen().isEmpty()) {
                continue;
            }
            Candidate chosen = decision.candidates().get(0);
            assertThat(decision.candidates()).filteredOn(Candidate::eligible)
                    .filteredOn(other -> other.proximity() == chosen.proximity()
                            && other.servesClient() == chosen.servesClient())
                    .allSatisfy(other -> assertThat(REFERENCE.compare(chosen, other)).isLessThanOrEqualTo(0));
        }
    }

    @Test
    void slowStartSharesInTheRankingMatchThePolicy() {
        SelectionPolicy policy = SelectionPolicy.DEFAULTS.withSlowStart(Duration.ofSeconds(60), 0.1);
        Board board = new Board(List.of(server("old").build(), server("new").joinedSecondsAgo(30).build()), NOW);

        Decision decision = new Selection(policy).select(board, SampleServers.demand("bob", ""));

        assertThat(decision.candidates()).extracting(Candidate::server, Candidate::slowStartShare)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("old", 1.0),
                        org.assertj.core.groups.Tuple.tuple("new", 0.5));
    }

    @Test
    void decisionsCompareByValue() {
        Board board = new Board(List.of(server("a").build(), server("b").serving("x").build()), NOW);
        Selection selection = new Selection();

        assertThat(selection.select(board, SampleServers.demand("x", "")))
                .isEqualTo(selection.select(board, SampleServers.demand("x", "")));
        assertThat(Set.copyOf(selection.select(board, SampleServers.demand("y", "")).candidates())).hasSize(2);
    }
}
