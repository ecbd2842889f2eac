package org.switchboard.master.control;

import java.time.Instant;

/** What a redirect promises: this client's request for this application, at this slave, on this server, until then. */
public record Ticket(String clientId, String app, String slave, String server, Instant expires) {
}
