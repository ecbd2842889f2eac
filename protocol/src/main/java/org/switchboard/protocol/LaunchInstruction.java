package org.switchboard.protocol;

/**
 * The master's order to a processing server's agent: launch catalog application {@code app} for session
 * {@code session} of client {@code client}, and answer once it is ready.
 */
public record LaunchInstruction(String session, String app, String client) {
}
