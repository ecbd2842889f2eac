package org.switchboard.client;

/** How the client reaches its program: through the slave's WebSocket relay, or straight to the program's endpoint. */
public enum LinkKind {
    RELAY, DIRECT;

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
