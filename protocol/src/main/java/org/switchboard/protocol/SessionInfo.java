package org.switchboard.protocol;

import java.time.Instant;

/** A session as the master reports it: which program runs where for which client, and whether it still runs. */
public record SessionInfo(String id, String clientId, String app, String server, String serverLocation, long pid,
                          Endpoint endpoint, String state, Instant createdAt, Instant endedAt, String endReason) {
}
