package org.switchboard.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the processing server for a demand: hard limits, then client identity, then location, then load (see the
 * package documentation for why in this order). Stateless and thread-safe.
 */
public final class Selection {

    private static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparing(Candidate::servesClient).reversed()
            .thenComparing(Comparator.comparingInt(Candidate::proximity).reversed())
            .thenComparingDouble(Candidate::utilisation)
            .thenComparing(Candidate::server);

    public Decision select(Board board, Demand demand) {
        List<Candidate> eligible = new ArrayList<>();
        List<Candidate> excluded = new ArrayList<>();
        for (ServerView server : board.servers()) {
            Candidate candidate = new Candidate(server.name(), exclusion(server, demand),
                    server.clients().contains(demand.clientId()), demand.location().proximity(server.location()),
                    server.utilisation());
            (candidate.eligible() ? eligible : excluded).add(candidate);
        }
        eligible.sort(BEST_FIRST);
        List<Candidate> ranked = new ArrayList<>(eligible);
        ranked.addAll(excluded);
        Optional<String> chosen = eligible.stream().findFirst().map(Candidate::server);
        return new Decision(chosen, ranked);
    }

    private static String exclusion(ServerView server, Demand demand) {
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
