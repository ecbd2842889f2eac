package org.switchboard.protocol;

/**
 * What a relay connects to for a session: the program's endpoint, and its kind ({@code tcp}: bytes as they are;
 * {@code stdio}: the agent's bridge, spoken to with the {@link StdioLink} protocol).
 */
public record RelayTarget(String session, Endpoint endpoint, String kind) {

    public static final String STDIO = "stdio";

    /** Whether the endpoint is a stdio program's bridge, which takes {@link StdioLink} frames. */
    public boolean bridged() {
        return STDIO.equals(kind);
    }
}
