package org.switchboard.selection;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a selection: the chosen server, if any, and every candidate in rank order (eligible ones first, best
 * first, then the excluded ones with their reasons).
 */
public record Decision(Optional<String> chosen, List<Candidate> candidates) {

    public Decision {
        candidates = List.copyOf(candidates);
    }

    /** Why nothing could serve, server by server; empty when a server was chosen. */
    public List<Candidate> exclusions() {
        return candidates.stream().filter(candidate -> !candidate.eligible()).toList();
    }
}
