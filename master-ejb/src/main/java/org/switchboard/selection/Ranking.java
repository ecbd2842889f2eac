package org.switchboard.selection;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every candidate of one decision with its scores or the reason it was excluded, worked out on first use from the
 * same immutable board and policy the decision was made with, so it agrees with the choice. Immutable; safe to share
 * between threads (at worst two threads work it out twice, with equal results).
 */
final class Ranking extends AbstractList<Candidate> {

    private final Board board;
    private final Demand demand;
    private final SelectionPolicy policy;
    private final Instant rampingSince;
    private final int chosen;
    private volatile List<Candidate> candidates;

    /**
     * @param rampingSince servers that joined after it were ranked with their slow-start share; null when slow start
     *                     did not apply to this decision
     * @param chosen       the index of the chosen server on the board, -1 for none
     */
    Ranking(Board board, Demand demand, SelectionPolicy policy, Instant rampingSince, int chosen) {
        this.board = board;
        this.demand = demand;
        this.policy = policy;
        this.rampingSince = rampingSince;
        this.chosen = chosen;
    }

    @Override
    public Candidate get(int index) {
        return candidates().get(index);
    }

    @Override
    public int size() {
        return board.servers().size();
    }

    private List<Candidate> candidates() {
        List<Candidate> worked = candidates;
        if (worked == null) {
            worked = rank();
            candidates = worked;
        }
        return worked;
    }

    private List<Candidate> rank() {
        List<ServerView> servers = board.servers();
        Candidate first = null;
        List<Candidate> eligible = new ArrayList<>();
        List<Candidate> excluded = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            Candidate candidate = candidate(servers.get(i));
            if (i == chosen) {
                first = candidate;
            } else {
                (candidate.eligible() ? eligible : excluded).add(candidate);
            }
        }
        eligible.sort(bestFirst());
        List<Candidate> ranked = new ArrayList<>(servers.size());
        if (first != null) {
            ranked.add(first);
        }
        ranked.addAll(eligible);
        ranked.addAll(excluded);
        return List.copyOf(ranked);
    }

    private Comparator<Candidate> bestFirst() {
        Comparator<Candidate> byClient = policy.groupByClient()
                ? Comparator.comparing(Candidate::servesClient).reversed() : (a, b) -> 0;
        Comparator<Candidate> byRing = policy.nearestFirst()
                ? byClient.thenComparing(Comparator.comparingInt(Candidate::proximity).reversed()) : byClient;
        return byRing
                .thenComparingDouble(Candidate::score)
                .thenComparing(Candidate::server);
    }

    private Candidate candidate(ServerView server) {
        String excluded = exclusion(server, demand);
        double share = Selection.ramping(server.joined(), rampingSince)
                ? policy.slowStartShare(server.joined(), board.takenAt()) : 1.0;
        double utilisation = server.utilisation();
        return new Candidate(server.name(), excluded, server.clients().contains(demand.clientId()),
                demand.location().proximity(server.location()), utilisation, share, utilisation / share);
    }

    /** Why the hard limits keep {@code server} out, or null; the same servers as {@link Selection#eligible}. */
    static String exclusion(ServerView server, Demand demand) {
        if (!server.applications().contains(demand.app())) {
            return "does not offer " + demand.app();
        }
        return switch (server.availability()) {
            case DOWN -> "down: its load reports stopped";
            case DRAINED -> "drained by an operator";
            case UP -> server.hasRoom() ? null : "full: " + server.load() + " of " + server.capacity() + " in use";
        };
    }
}
