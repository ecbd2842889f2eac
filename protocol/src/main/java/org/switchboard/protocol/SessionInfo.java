package org.switchboard.protocol;

import java.time.Instant;

/**
 * A session as the master reports it: which program runs where for which client, and whether it still runs.
 * {@code kind} is its application's kind as the launching agent reported it ({@code stdio}, {@code tcp},
 * {@code desktop}): what the bytes at the endpoint are, so a client can choose how to show the program.
 */
public record SessionInfo(String id, String clientId, String app, String kind, String server, String serverLocation, long pid,
                          Endpoint endpoint, String state, Instant createdAt, Instant endedAt, String endReason) {
}
