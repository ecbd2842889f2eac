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
 * One pass over the board without allocating per server keeps a decision in microseconds for a thousand servers: the
 * master decides inside a critical section. The reasons are worked out afterwards, on demand ({@link Ranking}).
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
    static int ring(SelectionPolicy policy, Demand demand, ServerView server) {
        return policy.nearestFirst() ? Math.min(Location.MAX_DEPTH, demand.location().proximity(server.location())) : 0;
    }

    /** Whether a server that joined at {@code joined} still ramps up; {@code rampingSince} null means nobody does. */
    static boolean ramping(Instant joined, Instant rampingSince) {
        return rampingSince != null && joined != null && joined.isAfter(rampingSince);
    }

    private Pick pick(Board board, Demand demand, Instant rampingSince) {
        List<ServerView> servers = board.servers();
        Rings ownServers = new Rings(servers);
        Rings allServers = new Rings(servers);
        boolean anyRamping = false;
        boolean anyEstablished = false;
        for (int i = 0, n = servers.size(); i < n; i++) {
            ServerView server = servers.get(i);
            if (!eligible(server, demand.app())) {
                continue;
            }
            double score = server.utilisation();
            if (ramping(server.joined(), rampingSince)) {
                anyRamping = true;
                score /= policy.slowStartShare(server.joined(), board.takenAt());
            } else {
                anyEstablished = true;
            }
            int ring = ring(policy, demand, server);
            if (policy.groupByClient() && server.clients().contains(demand.clientId())) {
                ownServers.offer(ring, score, i);
            }
            allServers.offer(ring, score, i);
        }
        Rings rings = ownServers.any() ? ownServers : allServers;
        return new Pick(rings.choose(policy.spillMargin()), rings, rings == ownServers, rampingSince != null && anyRamping,
                anyRamping && !anyEstablished);
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
        private final List<ServerView> servers;
        private final double[] best = new double[COUNT];
        private final int[] at = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
        int nearest = -1;
        int chosenRing = -1;
        double nearestScore;
        double chosenScore;

        Rings(List<ServerView> servers) {
            this.servers = servers;
        }

        void offer(int ring, double score, int index) {
            int current = at[ring];
            if (current < 0 || score < best[ring]
                    || score == best[ring] && servers.get(index).name().compareTo(servers.get(current).name()) < 0) {
                best[ring] = score;
                at[ring] = index;
            }
        }

        boolean any() {
            for (int index : at) {
                if (index >= 0) {
                    return true;
                }
            }
            return false;
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
