package org.switchboard.protocol;

/**
 * The agent's answer to a {@link LaunchInstruction}: the program runs as process {@code pid} and listens at
 * {@code endpoint}. {@code kind} is its application's kind: {@code tcp} (the program's own port) or {@code stdio}
 * (the agent's bridge, reached with the {@link StdioLink} protocol).
 */
public record LaunchNotification(String session, long pid, Endpoint endpoint, String kind) {
}
