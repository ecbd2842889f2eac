package org.switchboard.protocol;

/**
 * The agent's answer to a {@link LaunchInstruction}: the program runs as process {@code pid} and listens at
 * {@code endpoint}. {@code kind} is the application's kind in the agent's catalog ({@code stdio}, {@code tcp}, ...):
 * what the bytes at the endpoint are, so a client can choose how to show them (absent from agents that predate it).
 */
public record LaunchNotification(String session, long pid, Endpoint endpoint, String kind) {
}
