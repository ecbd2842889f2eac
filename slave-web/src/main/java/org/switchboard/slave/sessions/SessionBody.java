package org.switchboard.slave.sessions;

import java.time.Instant;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.DecisionReport;
import org.switchboard.protocol.SessionInfo;

/**
 * A session as the public API shows it. {@code kind} is its application's kind ({@code stdio}, {@code tcp},
 * {@code desktop}); {@code relay} and {@code decision} are there only in the answer that opened it.
 */
public record SessionBody(String id, String app, String kind, String clientId, Server server, Slave slave, long pid,
                          Endpoint endpoint, String link, String relay, DecisionReport decision, String state,
                          Instant createdAt, Instant endedAt, String endReason) {

    static SessionBody of(SessionInfo session, Slave slave, String link, String relay, DecisionReport decision) {
        return new SessionBody(session.id(), session.app(), session.kind(), session.clientId(),
                new Server(session.server(), session.serverLocation()), slave, session.pid(), session.endpoint(), link,
                relay, decision, session.state(), session.createdAt(), session.endedAt(), session.endReason());
    }

    public record Server(String name, String location) {
    }

    public record Slave(String name, String location) {
    }
}
