package org.switchboard.slave.sessions;

/**
 * The JSON a client posts to open a session. {@code link} is {@code relay} (default: through this slave's WebSocket
 * relay) or {@code direct} (the client connects to the program's endpoint itself); {@code ticket} is the one a
 * redirect gave it, when it follows one.
 */
public record SessionRequestBody(String app, String clientId, String location, String link, String ticket) {
}
