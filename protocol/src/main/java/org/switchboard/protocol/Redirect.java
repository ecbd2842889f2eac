package org.switchboard.protocol;

/**
 * The master's instruction to send the client to another slave (patent Fig. 9, 10, 12): where, and a signed,
 * expiring ticket naming the slave, server and application, which the client carries there.
 */
public record Redirect(String slave, String url, String server, String ticket) {
}
