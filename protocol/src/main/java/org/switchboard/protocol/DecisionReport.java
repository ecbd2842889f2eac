package org.switchboard.protocol;

import java.util.List;
import java.util.Map;

/**
 * Why the master chose a server: every candidate in rank order with its scores, or why it was excluded.
 *
 * @param chosen the server chosen, null when none could serve
 * @param reason what decided, in a sentence
 */
public record DecisionReport(String chosen, String reason, List<CandidateReport> candidates) {

    public DecisionReport {
        candidates = List.copyOf(candidates);
    }

    /** One candidate: {@code excluded} says why it could not serve, else {@code scores} says how it ranked. */
    public record CandidateReport(String server, String excluded, Map<String, Object> scores) {
    }
}
