package org.switchboard.selection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the processing server for a demand, in the order the package documentation gives: hard limits, client
 * identity, nearest ring (spilling outwards when it is much busier), lowest load per capacity with slow start for
 * servers that just joined, then the name so that equal boards give equal decisions. Stateless and thread-safe.
 * <p>
 * A decision looks only at the front of each location's list in the board's index and at the client's own servers,
 * without allocating per server, which keeps it around a microsecond for a thousand servers: the master decides inside
 * a critical section. The reasons are worked out afterwards, on demand ({@link Ranking}).
 */
public final class Selection {

    private final SelectionPolicy policy;

    public Selection() {
        this(SelectionPolicy.DEFAULTS);
    }

    public Selection(SelectionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public SelectionPolicy policy() {
        return policy;
    }

    public Decision select(Board board, Demand demand) {
        Instant rampingSince = policy.rampingSince(board.takenAt());
        Pick pick = pick(board, demand, rampingSince);
        if (pick.slowStartHasNoOneToProtect()) {
            // every eligible server is new (the fleet or the master just started): holding them back would only
            // make them uneven among themselves, and there is nobody else to send the work to
            pick = pick(board, demand, null);
        }
        Optional<String> chosen = pick.chosen < 0 ? Optional.empty()
                : Optional.of(board.servers().get(pick.chosen).name());
        return new Decision(chosen, pick.reason(demand, policy),
                new Ranking(board, demand, policy, pick.slowStart ? rampingSince : null, pick.chosen));
    }

    /** Whether the hard limits let {@code server} run {@code app}; {@link Ranking#exclusion} says why not. */
    static boolean eligible(ServerView server, String app) {
        return server.availability() == ServerView.Availability.UP && server.load() < server.capacity()
                && server.applications().contains(app);
    }

    /** The ring a server falls into for this demand: its proximity, or 0 for all when locality is off. */
    static int ring(SelectionPolicy policy, Demand demand, Location server) {
        return policy.nearestFirst() ? Math.min(Location.MAX_DEPTH, demand.location().proximity(server)) : 0;
    }

    /** Whether a server that joined at {@code joined} still ramps up; {@code rampingSince} null means nobody does. */
    static boolean ramping(Instant joined, Instant rampingSince) {
        return rampingSince != null && joined != null && joined.isAfter(rampingSince);
    }

    /**
     * Offers each ring the best server of every location (the front of its list in the board's index, past any
     * servers ramping up) and the client's own servers; the rings keep the best of what they are offered, so this
     * chooses exactly what offering every eligible server would, while looking at a few dozen of them.
     */
    private Pick pick(Board board, Demand demand, Instant rampingSince) {
        List<ServerView> servers = board.servers();
        BoardIndex index = board.index();
        BoardIndex.Offering offering = index.offering(demand.app());
        Rings ownServers = null;
        Rings allServers = new Rings(index.nameRank);
        BoardIndex.Fronts fronts = offering.fronts();
        int[] demandLabels = policy.nearestFirst() ? index.labelIds(demand.location()) : null;
        long sinceSecond = rampingSince == null ? Long.MAX_VALUE : rampingSince.getEpochSecond();
        int sinceNano = rampingSince == null ? 0 : rampingSince.getNano();
        for (int at = 0, count = offering.locations().length; at < count; at++) {
            int ring = demandLabels == null ? 0 : Math.min(Location.MAX_DEPTH, offering.proximity(at, demandLabels));
            double utilisation = fronts.utilisation()[at];
            if (utilisation >= 0 && !fronts.ramping(at, sinceSecond, sinceNano)) {
                // the front is established, so it scores its utilisation, and everything behind it scores at least
                // its own, which is more or ties with a later name
                allServers.offer(ring, utilisation, fronts.server()[at]);
            } else {
                bestOfWalk(board, index, offering.bestFirst()[at], rampingSince, allServers, ring);
            }
        }
        if (policy.groupByClient()) {
            for (int i : index.serversOf(demand.clientId(), offering)) {
                ServerView server = servers.get(i);
                if (eligible(server, demand.app())) {
                    // most demands come from clients no server serves yet: they need no rings of their own
                    ownServers = ownServers == null ? new Rings(index.nameRank) : ownServers;
                    ownServers.offer(ring(policy, demand, server.location()),
                            score(server, index.utilisation[i], board.takenAt(), rampingSince), i);
                }
            }
        }
        boolean anyRamping = offering.anyRamping(rampingSince);
        boolean anyEstablished = offering.anyEstablished(rampingSince);
        Rings rings = ownServers != null ? ownServers : allServers;
        return new Pick(rings.choose(policy.spillMargin()), rings, rings == ownServers, rampingSince != null && anyRamping,
                anyRamping && !anyEstablished);
    }

    /**
     * Offers {@code ring} the best of a location whose front server ramps up (or has a negative load), walking down its
     * list as far as something behind could still beat what was found.
     */
    private void bestOfWalk(Board board, BoardIndex index, int[] bestFirst, Instant rampingSince, Rings rings,
                               int ring) {
        int best = -1;
        double bestScore = 0;
        for (int i : bestFirst) {
            double utilisation = index.utilisation[i];
            // a score is never below its utilisation (the share is at most 1), so nothing further down the list can
            // beat the best found so far; a negative load would turn that round, hence the sign
            if (best >= 0 && utilisation >= 0 && (utilisation > bestScore
                    || utilisation == bestScore && index.nameRank[i] > index.nameRank[best])) {
                break;
            }
            double score = score(board.servers().get(i), utilisation, board.takenAt(), rampingSince);
            if (best < 0 || score < bestScore || score == bestScore && index.nameRank[i] < index.nameRank[best]) {
                best = i;
                bestScore = score;
            }
        }
        rings.offer(ring, bestScore, best);
    }

    /** What a server is ranked by within its ring: its utilisation, divided by its share while it ramps up. */
    private double score(ServerView server, double utilisation, Instant now, Instant rampingSince) {
        return ramping(server.joined(), rampingSince)
                ? utilisation / policy.slowStartShare(server.joined(), now) : utilisation;
    }

    /** The outcome of one pass: the index of the chosen server (-1 for none) and what the reason needs to say. */
    private static final class Pick {
        final int chosen;
        final Rings rings;
        final boolean servesClient;
        final boolean slowStart;
        final boolean onlyRamping;

        Pick(int chosen, Rings rings, boolean servesClient, boolean slowStart, boolean onlyRamping) {
            this.chosen = chosen;
            this.rings = rings;
            this.servesClient = servesClient;
            this.slowStart = slowStart;
            this.onlyRamping = onlyRamping;
        }

        boolean slowStartHasNoOneToProtect() {
            return slowStart && onlyRamping;
        }

        String reason(Demand demand, SelectionPolicy policy) {
            if (chosen < 0) {
                return "no server can run " + demand.app() + " now: each one's exclusion says why";
            }
            StringBuilder reason = new StringBuilder(96);
            if (servesClient) {
                reason.append("already serves ").append(demand.clientId()).append("; ");
            }
            reason.append("lowest load score (").append(percent(rings.chosenScore)).append(')');
            if (policy.nearestFirst()) {
                reason.append(" in the nearest ring with room (proximity ").append(rings.nearest).append(')');
                if (rings.chosenRing != rings.nearest) {
                    reason.append(", spilled to proximity ").append(rings.chosenRing).append(": the nearest ring's")
                            .append(" best scored ").append(percent(rings.nearestScore)).append(", more than ")
                            .append(points(policy.spillMargin())).append(" points above the best further out");
                }
            }
            if (slowStart) {
                reason.append("; servers that joined in the last ").append(policy.slowStartWindow().toSeconds())
                        .append(" s are ranked with part of their capacity");
            }
            return reason.toString();
        }

        private static String points(double share) {
            return Double.isInfinite(share) ? "∞" : String.valueOf(Math.round(share * 100));
        }

        private static String percent(double share) {
            return Double.isInfinite(share) ? "∞" : Math.round(share * 100) + "%";
        }
    }

    /**
     * The best server of each ring, found in one pass. Ties on score go to the smaller name, so that a decision does
     * not depend on the order of the board.
     */
    private static final class Rings {
        private static final int COUNT = Location.MAX_DEPTH + 1;
        private final int[] nameRank;
        private final double[] best = new double[COUNT];
        private final int[] at = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
        int nearest = -1;
        int chosenRing = -1;
        double nearestScore;
        double chosenScore;

        Rings(int[] nameRank) {
            this.nameRank = nameRank;
        }

        void offer(int ring, double score, int index) {
            int current = at[ring];
            if (current < 0 || score < best[ring]
                    || score == best[ring] && nameRank[index] < nameRank[current]) {
                best[ring] = score;
                at[ring] = index;
            }
        }

        /**
         * Starts at the nearest ring with room and moves one ring outwards while its best server is more than
         * {@code margin} busier than the best of all rings further out.
         */
        int choose(double margin) {
            int ring = COUNT - 1;
            while (ring >= 0 && at[ring] < 0) {
                ring--;
            }
            if (ring < 0) {
                return -1;
            }
            nearest = ring;
            nearestScore = best[ring];
            while (true) {
                int next = -1;
                double beyond = Double.POSITIVE_INFINITY;
                for (int further = ring - 1; further >= 0; further--) {
                    if (at[further] >= 0) {
                        next = next < 0 ? further : next;
                        beyond = Math.min(beyond, best[further]);
                    }
                }
                if (next < 0 || best[ring] - beyond <= margin) {
                    break;
                }
                ring = next;
            }
            chosenRing = ring;
            chosenScore = best[ring];
            return at[ring];
        }
    }
}
