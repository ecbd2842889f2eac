package org.switchboard.master.boundary;

import java.time.Instant;
import org.switchboard.protocol.Endpoint;
import org.switchboard.sessions.entity.ProgramSession;

/** A session as the master reports it. */
public record SessionView(String id, String clientId, String app, String server, String serverLocation, long pid,
                          Endpoint endpoint, String state, Instant createdAt, Instant endedAt, String endReason) {

    static SessionView of(ProgramSession session, String serverLocation) {
        return new SessionView(session.getId(), session.getClientId(), session.getApp(), session.getServer(),
                serverLocation, session.getPid(), new Endpoint(session.getEndpointHost(), session.getEndpointPort()),
                session.getState().name().toLowerCase(), session.getCreatedAt(), session.getEndedAt(),
                session.getEndReason());
    }
}
