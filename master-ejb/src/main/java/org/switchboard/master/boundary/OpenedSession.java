package org.switchboard.master.boundary;

import org.switchboard.selection.Decision;

/** A session whose program is running, with the relay token (handed out only here) and why its server was chosen. */
public record OpenedSession(SessionView session, String relayToken, Decision decision) {
}
