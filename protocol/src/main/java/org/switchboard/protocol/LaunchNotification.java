package org.switchboard.protocol;

/**
 * The agent's answer to a {@link LaunchInstruction}: the program runs as process {@code pid} and listens at
 * {@code endpoint}. {@code kind} is its application's kind, what the bytes at the endpoint are: {@code tcp} (the
 * program's own port), {@code stdio} (the agent's bridge, reached with the {@link StdioLink} protocol) or
 * {@code desktop} (a VNC server showing the program's display); a client chooses how to show the program by it.
 */
public record LaunchNotification(String session, long pid, Endpoint endpoint, String kind) {
}
