package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.protocol.DecisionReport;
import org.switchboard.selection.Board;
import org.switchboard.selection.Candidate;
import org.switchboard.selection.Decision;
import org.switchboard.selection.Demand;
import org.switchboard.selection.Location;
import org.switchboard.selection.Selection;
import org.switchboard.selection.ServerView;
import org.switchboard.selection.ServerView.Availability;

/**
 * Real decisions of the selection core over generated boards, written in the history's compact form and read back as
 * the what-if replay reads them; and the rows of the older list form, which databases still hold.
 */
class HistoryReasonsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String[] LOCATIONS = {"eu/de/ber", "eu/de/fra", "eu/fr/par", "us/ny/nyc", "us/ca/sfo"};
    private static final double ROUNDING = Math.pow(10, 1 - HistoryReasons.DIGITS);

    private final Random random = new Random(20261126);
    private final Selection selection = new Selection();

    /** Servers of every kind: idle to full, down, drained, without the app, ramping up, already serving the client. */
    private Decision decision(int servers) {
        List<ServerView> board = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            int capacity = 1 + random.nextInt(40);
            Availability availability = switch (random.nextInt(20)) {
                case 0 -> Availability.DOWN;
                case 1 -> Availability.DRAINED;
                default -> Availability.UP;
            };
            board.add(new ServerView(LOCATIONS[i % LOCATIONS.length].substring(6) + "-" + i,
                    Location.parse(LOCATIONS[i % LOCATIONS.length]),
                    random.nextInt(15) == 0 ? Set.of("edit") : Set.of("cat", "edit"), capacity, availability,
                    random.nextInt(capacity + 2), random.nextInt(10) == 0 ? Set.of("alice") : Set.of(),
                    random.nextInt(8) == 0 ? NOW.minusSeconds(random.nextInt(90)) : null));
        }
        return selection.select(new Board(board, NOW), new Demand("alice", "cat", Location.parse("eu/de/fra")));
    }

    @Test
    void theReplayReadsTheSameCandidatesInTheSameOrderWithTheirScoresOrReasons() {
        for (int servers : new int[] {0, 1, 20, 1000}) {
            Decision decision = decision(servers);

            List<Candidate> read = HistoryReasons.read(HistoryReasons.write(decision.candidates()));

            assertSameCandidates(read, decision.candidates());
        }
    }

    @Test
    void theDecisionsCoverEveryKindOfCandidate() {
        List<Candidate> candidates = decision(1000).candidates();

        assertThat(candidates).extracting(Candidate::excluded).contains(null, "down: its load reports stopped",
                "drained by an operator", "does not offer cat");
        assertThat(candidates).anyMatch(candidate -> candidate.excluded() != null
                && candidate.excluded().startsWith("full: "));
        assertThat(candidates).filteredOn(Candidate::eligible).anyMatch(Candidate::servesClient)
                .anyMatch(candidate -> candidate.slowStartShare() < 1).extracting(Candidate::proximity).contains(3, 2);
    }

    @Test
    void isAtLeastThreeTimesSmallerThanTheListForm() {
        for (int servers : new int[] {20, 1000}) {
            Decision decision = decision(servers);
            double list = bytes(listForm(decision)) / (double) servers;
            double compact = bytes(HistoryReasons.write(decision.candidates())) / (double) servers;

            System.out.printf("history reasons of %d candidates: %.1f bytes a server as a list, %.1f compact (%.1fx)%n",
                    servers, list, compact, list / compact);
            assertThat(list / compact).as("%d servers: %.1f → %.1f bytes a server", servers, list, compact)
                    .isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void rowsOfTheOlderListFormStillRead() {
        Decision decision = decision(20);

        assertSameCandidates(HistoryReasons.read(listForm(decision)), decision.candidates());
    }

    /** Not JSON, cut short, or missing a column (here the scores of the one server not excluded). */
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "3", "{\"servers\":[\"a\"]", "{\"servers\":[\"a\"],\"excluded\":{}}"})
    void whatCannotBeReadHasNoCandidates(String reasons) {
        assertThat(HistoryReasons.read(reasons)).isEmpty();
    }

    private static void assertSameCandidates(List<Candidate> read, List<Candidate> written) {
        assertThat(read).extracting(Candidate::server).containsExactlyElementsOf(
                written.stream().map(Candidate::server).toList());
        for (int i = 0; i < written.size(); i++) {
            Candidate expected = written.get(i);
            Candidate actual = read.get(i);
            assertThat(actual.excluded()).as(expected.server()).isEqualTo(expected.excluded());
            if (expected.eligible()) {
                assertThat(actual.servesClient()).as(expected.server()).isEqualTo(expected.servesClient());
                assertThat(actual.proximity()).as(expected.server()).isEqualTo(expected.proximity());
                assertThat(actual.score()).as(expected.server())
                        .isCloseTo(expected.score(), within(expected.score() * ROUNDING));
                assertThat(actual.utilisation()).as(expected.server())
                        .isCloseTo(expected.utilisation(), within(expected.utilisation() * ROUNDING));
                assertThat(actual.slowStartShare()).as(expected.server())
                        .isCloseTo(expected.slowStartShare(), within(expected.slowStartShare() * ROUNDING));
            }
        }
    }

    /** The form the history kept before: the session answer's candidate reports, an object each. */
    private static String listForm(Decision decision) {
        try (Jsonb json = JsonbBuilder.create()) {
            return json.toJson(decision.candidates().stream().map(candidate -> new DecisionReport.CandidateReport(
                    candidate.server(), candidate.excluded(), candidate.eligible() ? Map.of("servesClient",
                    candidate.servesClient(), "proximity", candidate.proximity(), "utilisation",
                    candidate.utilisation(), "slowStartShare", candidate.slowStartShare(), "score",
                    candidate.score()) : null)).toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
