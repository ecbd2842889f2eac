package org.switchboard.selection;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a selection: the chosen server, if any, why, and every candidate in rank order (the chosen one first,
 * then the other eligible ones by client, proximity and score, then the excluded ones with their reasons in board
 * order).
 * <p>
 * {@link Selection} hands over the candidates as a list that works them out on first use from the same immutable board:
 * the choice itself needs one pass without allocating per server, and the master reads the reasons only after it has
 * left its critical section.
 */
public record Decision(Optional<String> chosen, String reason, List<Candidate> candidates) {

    public Decision {
        candidates = candidates instanceof Ranking ? candidates : List.copyOf(candidates);
    }

    /** Why nothing could serve, server by server; empty when a server was chosen. */
    public List<Candidate> exclusions() {
        return candidates.stream().filter(candidate -> !candidate.eligible()).toList();
    }
}
