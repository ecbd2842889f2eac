package org.switchboard.master.control;

import java.util.concurrent.CompletableFuture;
import org.switchboard.protocol.LaunchNotification;

/**
 * What the master started for a redirected client before it arrives (patent Fig. 7, arrow 653): a program for session
 * {@code sessionId} on {@code server}, placed there for {@code clientId}; {@code relayToken} becomes the session's
 * token when the client takes it; {@code launch} answers once the program is ready (or failed).
 */
public record PreparedLaunch(String sessionId, String server, String clientId, String agentUrl, String relayToken,
                             CompletableFuture<LaunchNotification> launch) {
}
