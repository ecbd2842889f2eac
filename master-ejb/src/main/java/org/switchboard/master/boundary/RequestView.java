package org.switchboard.master.boundary;

import java.time.Instant;
import org.switchboard.history.entity.ClientRequest;

/**
 * One entry of the request history.
 *
 * @param reasons every candidate's score or why it was excluded, as the history keeps it: the compact form of
 *                {@link org.switchboard.master.control.HistoryReasons}, or the list form in rows written before it
 */
public record RequestView(long id, String clientId, String app, String location, String server, String sessionId,
                          String outcome, Instant requestedAt, double decisionMicros, String reasons) {

    static RequestView of(ClientRequest request) {
        return new RequestView(request.getId(), request.getClientId(), request.getApp(), request.getLocation(),
                request.getServer(), request.getSessionId(), request.getOutcome().name().toLowerCase(),
                request.getRequestedAt(), request.getDecisionNanos() / 1000.0, request.getReasons());
    }
}
