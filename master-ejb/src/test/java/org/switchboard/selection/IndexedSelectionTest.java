package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.selection.SampleServers.NOW;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.selection.ServerView.Availability;

/**
 * {@link Selection} looks only at the front of each location's list in the board's index; this checks on many random
 * boards, crowded with ties, shared names, ramping and negative loads, that it chooses what offering every server to
 * the rings would, and says so in the same words.
 */
class IndexedSelectionTest {

    private static final String[] LOCATIONS = {"eu/de/ber", "eu/de/fra", "eu/fr/par", "us/ny/nyc", "eu", ""};
    private static final String[] CLIENTS = {"alice", "bob", "carol"};

    private static final List<SelectionPolicy> POLICIES = List.of(SelectionPolicy.DEFAULTS,
            SelectionPolicy.DEFAULTS.withSpillMargin(0.1), SelectionPolicy.DEFAULTS.withSpillMargin(0),
            SelectionPolicy.DEFAULTS.withSpillMargin(Double.POSITIVE_INFINITY),
            SelectionPolicy.DEFAULTS.withNearestFirst(false), SelectionPolicy.DEFAULTS.withGroupByClient(false),
            SelectionPolicy.DEFAULTS.withSlowStart(Duration.ZERO, 1),
            SelectionPolicy.DEFAULTS.withSlowStart(Duration.ofSeconds(60), 1));

    private final Random random = new Random(20261126);

    @Test
    void choosesWhatAScanOfEveryServerWouldChoose() {
        for (int round = 0; round < 5000; round++) {
            assertChoosesAsAScan(randomBoard(), "round " + round);
        }
    }

    /** A board that serves many decisions looks clients up in a map of its own instead of the servers' sets. */
    @Test
    void aBoardThatServesManyDecisionsStillChoosesWhatAScanWould() {
        for (int round = 0; round < 200; round++) {
            Board board = randomBoard();
            for (int decision = 0; decision < 50; decision++) {
                assertChoosesAsAScan(board, "round " + round + ", decision " + decision);
            }
        }
    }

    private void assertChoosesAsAScan(Board board, String description) {
        assertChoosesAsAScan(board, CLIENTS[random.nextInt(CLIENTS.length)], description);
    }

    private void assertChoosesAsAScan(Board board, String client, String description) {
        SelectionPolicy policy = POLICIES.get(random.nextInt(POLICIES.size()));
        Demand demand = new Demand(client, random.nextInt(5) == 0 ? SampleServers.EDITOR : SampleServers.SHELL,
                Location.parse(LOCATIONS[random.nextInt(LOCATIONS.length)]));

        Decision decision = new Selection(policy).select(board, demand);
        Decision scanned = new Scan(policy).select(board, demand);

        assertThat(decision.chosen()).as("%s, %s, %s, %s", description, policy, demand, board)
                .isEqualTo(scanned.chosen());
        assertThat(decision.reason()).as(description).isEqualTo(scanned.reason());
    }

    @Test
    void aBoardAtAnotherTimeSharesItsIndexAndStaysEqualToItself() {
        Board board = randomBoard();

        assertThat(board.at(NOW.plusSeconds(5)).index()).isSameAs(board.index());
        assertThat(board.at(NOW)).isEqualTo(board).hasSameHashCodeAs(board);
        assertThat(board.at(NOW.plusSeconds(5))).isNotEqualTo(board);
    }

    /**
     * A master derives each board from the last one as servers change; the derived board's index must choose as a scan
     * would and hold what an index made afresh holds.
     */
    @Test
    void aBoardDerivedFromAnotherChoosesWhatAScanWouldAndIndexesAsAFreshOne() {
        int derivedIndexes = 0;
        for (int round = 0; round < 500; round++) {
            Board board = randomBoard(true);
            board.index();
            for (int step = 0; step < 20 && !board.servers().isEmpty(); step++) {
                Board changed = board.with(randomChanges(board));
                assertChoosesAsAScan(changed, "round " + round + ", step " + step);
                assertIndexesAlike(changed.index(), new Board(changed.servers(), changed.takenAt()).index(),
                        "round " + round + ", step " + step);
                derivedIndexes += changed.index().nameRank == board.index().nameRank ? 1 : 0;
                board = changed;
            }
        }
        // most changes are loads, availability and clients, which derive; moves and new applications make afresh
        assertThat(derivedIndexes).isGreaterThan(5000);
    }

    @Test
    void aBoardDerivedFromOneWithoutAnIndexMakesItsOwnAfresh() {
        Board board = new Board(List.of(SampleServers.server("a").load(1).build(),
                SampleServers.server("b").load(2).build()), NOW);

        Board changed = board.with(List.of(board.servers().get(0).withLoad(3)));

        assertThat(changed.servers()).extracting(ServerView::load).containsExactly(3, 2);
        assertThat(changed.index().nameRank).isNotSameAs(board.index().nameRank);
        assertThat(new Selection().select(changed, new Demand("carol", SampleServers.SHELL, Location.UNKNOWN))
                .chosen()).contains("b");
    }

    /**
     * Boards derived one from another count their decisions together; once they make a client map, each derived board
     * takes it over, changed for the changed servers' clients. Through random placements and releases of many clients,
     * and reports that replace a server's clients, it must hold what a map made afresh holds, and decide as a scan.
     */
    @Test
    void aDerivedBoardKeepsItsClientMapAsAFreshOneWouldHoldIt() {
        String[] clients = new String[3000];
        for (int c = 0; c < clients.length; c++) {
            clients[c] = "client-" + c;
        }
        int shared = 0;
        for (int round = 0; round < 40; round++) {
            Board board = boardWithClients(clients, round % 4 == 0 ? 0 : 1 + random.nextInt(4));
            for (int decision = 0; decision < 200 && board.index().clientMap() == null; decision++) {
                assertChoosesAsAScan(board, clients[random.nextInt(clients.length)], "round " + round);
            }
            assertThat(board.index().clientMap()).as("round %d: a map after many decisions", round).isNotNull();
            for (int step = 0; step < 80; step++) {
                String description = "round " + round + ", step " + step;
                Board changed = board.with(placementsAndReleases(board, clients));
                ServersByClient derived = changed.index().clientMap();
                assertThat(derived).as("%s: taken over, not made anew at the next lookup", description).isNotNull();
                ServersByClient fresh = ServersByClient.of(changed.servers());
                for (String client : clients) {
                    if (!Arrays.equals(derived.get(client), fresh.get(client))) {
                        assertThat(derived.get(client)).as("%s, %s", description, client)
                                .containsExactly(fresh.get(client));
                    }
                }
                assertChoosesAsAScan(changed, clients[random.nextInt(clients.length)], description);
                shared += derived == board.index().clientMap() ? 1 : 0;
                board = changed;
            }
        }
        // a change that moves only loads keeps the very map
        assertThat(shared).isGreaterThan(100);
    }

    /** Up servers with room to spare, so that no change reshapes the index, each running programs for a few clients. */
    private Board boardWithClients(String[] clients, int clientsEach) {
        List<ServerView> servers = new ArrayList<>();
        for (int i = 0, size = 1 + random.nextInt(300); i < size; i++) {
            Set<String> running = new HashSet<>();
            for (int c = random.nextInt(clientsEach + 1); c > 0; c--) {
                running.add(clients[random.nextInt(clients.length)]);
            }
            servers.add(new ServerView("s" + i, Location.parse(LOCATIONS[random.nextInt(LOCATIONS.length)]),
                    Set.of(SampleServers.SHELL), 1000, Availability.UP, random.nextInt(100), running, null));
        }
        return new Board(servers, NOW);
    }

    /**
     * One to three servers, each with a program placed for a random client, or a client's program ended, or a report
     * that replaces its clients, or a new load alone.
     */
    private List<ServerView> placementsAndReleases(Board board, String[] clients) {
        List<ServerView> servers = board.servers();
        Map<String, ServerView> changes = new HashMap<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            ServerView server = servers.get(random.nextInt(servers.size()));
            Set<String> running = new HashSet<>(server.clients());
            int load = server.load();
            switch (random.nextInt(4)) {
                case 0 -> {
                    running.add(clients[random.nextInt(clients.length)]);
                    load++;
                }
                case 1 -> {
                    if (!running.isEmpty()) {
                        running.remove(running.stream().skip(random.nextInt(running.size())).findFirst().orElseThrow());
                        load--;
                    }
                }
                case 2 -> {
                    running.clear();
                    for (int c = random.nextInt(30); c > 0; c--) {
                        running.add(clients[random.nextInt(clients.length)]);
                    }
                }
                default -> load = random.nextInt(100);
            }
            changes.put(server.name(), new ServerView(server.name(), server.location(), server.applications(),
                    server.capacity(), server.availability(), Math.max(0, load), running, server.joined()));
        }
        return List.copyOf(changes.values());
    }

    private List<ServerView> randomChanges(Board board) {
        List<ServerView> servers = board.servers();
        List<ServerView> changes = new ArrayList<>();
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int position = random.nextInt(servers.size());
            if (!picked.add(position)) {
                continue;
            }
            ServerView server = servers.get(position);
            Location location = random.nextInt(30) == 0
                    ? Location.parse(LOCATIONS[random.nextInt(LOCATIONS.length)]) : server.location();
            Availability availability = random.nextInt(8) != 0 ? server.availability()
                    : Availability.values()[random.nextInt(Availability.values().length)];
            Set<String> clients = random.nextInt(4) != 0 ? server.clients()
                    : Set.of(CLIENTS[random.nextInt(CLIENTS.length)]);
            changes.add(new ServerView(server.name(), location, server.applications(), server.capacity(),
                    availability, random.nextInt(7) - 1, clients, server.joined()));
        }
        return changes;
    }

    private static void assertIndexesAlike(BoardIndex derived, BoardIndex fresh, String description) {
        assertThat(derived.utilisation).as(description).containsExactly(fresh.utilisation);
        assertThat(derived.nameRank).as(description).containsExactly(fresh.nameRank);
        for (String app : List.of(SampleServers.SHELL, SampleServers.EDITOR)) {
            BoardIndex.Offering one = derived.offering(app);
            BoardIndex.Offering other = fresh.offering(app);
            assertThat(listsByLocation(one)).as(description + ", " + app).isEqualTo(listsByLocation(other));
            assertThat(one.earliestJoined()).as(description).isEqualTo(other.earliestJoined());
            assertThat(one.latestJoined()).as(description).isEqualTo(other.latestJoined());
            assertThat(one.anyJoinUnknown()).as(description).isEqualTo(other.anyJoinUnknown());
            for (int at = 0; at < one.locations().length; at++) {
                int front = one.bestFirst()[at][0];
                assertThat(one.fronts().server()[at]).as(description).isEqualTo(front);
                assertThat(one.fronts().utilisation()[at]).as(description).isEqualTo(derived.utilisation[front]);
            }
        }
    }

    private static java.util.Map<Location, List<Integer>> listsByLocation(BoardIndex.Offering offering) {
        java.util.Map<Location, List<Integer>> lists = new java.util.HashMap<>();
        for (int at = 0; at < offering.locations().length; at++) {
            lists.put(offering.locations()[at], java.util.Arrays.stream(offering.bestFirst()[at]).boxed().toList());
        }
        return lists;
    }

    private Board randomBoard() {
        return randomBoard(false);
    }

    private Board randomBoard(boolean uniqueNames) {
        List<ServerView> servers = new ArrayList<>();
        int size = random.nextInt(40);
        for (int i = 0; i < size; i++) {
            int capacity = random.nextInt(6) - 1;
            // few names and loads, so that ties on score and on name are common
            String name = uniqueNames ? "s" + i : "s" + random.nextInt(size / 2 + 1);
            Set<String> apps = random.nextInt(6) == 0 ? Set.of(SampleServers.EDITOR)
                    : random.nextInt(4) == 0 ? Set.of(SampleServers.SHELL, SampleServers.EDITOR)
                    : Set.of(SampleServers.SHELL);
            Availability availability = switch (random.nextInt(12)) {
                case 0 -> Availability.DOWN;
                case 1 -> Availability.DRAINED;
                default -> Availability.UP;
            };
            Set<String> clients = random.nextInt(3) == 0 ? Set.of(CLIENTS[random.nextInt(CLIENTS.length)]) : Set.of();
            Instant joined = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> NOW.minusMillis(random.nextInt(90_000));
                case 2 -> NOW.minusSeconds(60).plusNanos(random.nextInt(3));
                default -> NOW.minusSeconds(86_400);
            };
            servers.add(new ServerView(name, Location.parse(LOCATIONS[random.nextInt(LOCATIONS.length)]), apps,
                    capacity, availability, random.nextInt(7) - 1, clients, joined));
        }
        return new Board(servers, random.nextInt(8) == 0 ? null : NOW);
    }

    /** The selection as it was before the index: every eligible server offered to its ring, one by one. */
    private static final class Scan {
        private final SelectionPolicy policy;

        Scan(SelectionPolicy policy) {
            this.policy = policy;
        }

        Decision select(Board board, Demand demand) {
            Instant rampingSince = policy.rampingSince(board.takenAt());
            Decision decision = pick(board, demand, rampingSince);
            return decision != null ? decision : pick(board, demand, null);
        }

        /** Null when every eligible server ramps up, and so slow start must be dropped. */
        private Decision pick(Board board, Demand demand, Instant rampingSince) {
            List<ServerView> servers = board.servers();
            int[] ownBest = new int[Location.MAX_DEPTH + 1];
            int[] allBest = new int[Location.MAX_DEPTH + 1];
            double[] ownScore = new double[ownBest.length];
            double[] allScore = new double[allBest.length];
            java.util.Arrays.fill(ownBest, -1);
            java.util.Arrays.fill(allBest, -1);
            boolean anyRamping = false;
            boolean anyEstablished = false;
            for (int i = 0; i < servers.size(); i++) {
                ServerView server = servers.get(i);
                if (!Selection.eligible(server, demand.app())) {
                    continue;
                }
                double score = server.utilisation();
                if (Selection.ramping(server.joined(), rampingSince)) {
                    anyRamping = true;
                    score /= policy.slowStartShare(server.joined(), board.takenAt());
                } else {
                    anyEstablished = true;
                }
                int ring = Selection.ring(policy, demand, server.location());
                if (policy.groupByClient() && server.clients().contains(demand.clientId())) {
                    offer(servers, ownBest, ownScore, ring, score, i);
                }
                offer(servers, allBest, allScore, ring, score, i);
            }
            if (rampingSince != null && anyRamping && !anyEstablished) {
                return null;
            }
            boolean own = java.util.Arrays.stream(ownBest).anyMatch(index -> index >= 0);
            int[] best = own ? ownBest : allBest;
            double[] scores = own ? ownScore : allScore;
            int nearest = best.length - 1;
            while (nearest >= 0 && best[nearest] < 0) {
                nearest--;
            }
            if (nearest < 0) {
                return new Decision(Optional.empty(), "no server can run " + demand.app()
                        + " now: each one's exclusion says why", List.of());
            }
            int ring = nearest;
            while (true) {
                int next = -1;
                double beyond = Double.POSITIVE_INFINITY;
                for (int further = ring - 1; further >= 0; further--) {
                    if (best[further] >= 0) {
                        next = next < 0 ? further : next;
                        beyond = Math.min(beyond, scores[further]);
                    }
                }
                if (next < 0 || scores[ring] - beyond <= policy.spillMargin()) {
                    break;
                }
                ring = next;
            }
            StringBuilder reason = new StringBuilder();
            if (own) {
                reason.append("already serves ").append(demand.clientId()).append("; ");
            }
            reason.append("lowest load score (").append(percent(scores[ring])).append(')');
            if (policy.nearestFirst()) {
                reason.append(" in the nearest ring with room (proximity ").append(nearest).append(')');
                if (ring != nearest) {
                    reason.append(", spilled to proximity ").append(ring).append(": the nearest ring's best scored ")
                            .append(percent(scores[nearest])).append(", more than ")
                            .append(Double.isInfinite(policy.spillMargin()) ? "∞"
                                    : String.valueOf(Math.round(policy.spillMargin() * 100)))
                            .append(" points above the best further out");
                }
            }
            if (rampingSince != null && anyRamping) {
                reason.append("; servers that joined in the last ").append(policy.slowStartWindow().toSeconds())
                        .append(" s are ranked with part of their capacity");
            }
            return new Decision(Optional.of(servers.get(best[ring]).name()), reason.toString(), List.of());
        }

        private static void offer(List<ServerView> servers, int[] best, double[] scores, int ring, double score,
                                  int index) {
            int current = best[ring];
            if (current < 0 || score < scores[ring] || score == scores[ring]
                    && servers.get(index).name().compareTo(servers.get(current).name()) < 0) {
                best[ring] = index;
                scores[ring] = score;
            }
        }

        private static String percent(double share) {
            return Double.isInfinite(share) ? "∞" : Math.round(share * 100) + "%";
        }
    }
}
