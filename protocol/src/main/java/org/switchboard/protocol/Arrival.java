package org.switchboard.protocol;

/**
 * The master's notice to the slave it chose for a redirected client (patent Fig. 7, arrow 653): the program prepared
 * for the client runs, at {@code program}; the client will arrive with the ticket and link with the relay token whose
 * SHA-256 is {@code relayTokenHash} ({@link RelayTokens#hash}); the ticket expires in {@code holdMillis}. The slave
 * may link to the program before the client arrives, for that client only, and lets the link go when the ticket
 * expires unused.
 */
public record Arrival(RelayTarget program, String relayTokenHash, long holdMillis) {
}
