package org.switchboard.protocol;

/** The agent's answer to a {@link LaunchInstruction}: the program runs as process {@code pid} and listens at {@code endpoint}. */
public record LaunchNotification(String session, long pid, Endpoint endpoint) {
}
