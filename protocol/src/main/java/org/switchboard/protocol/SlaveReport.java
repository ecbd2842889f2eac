package org.switchboard.protocol;

/**
 * A slave telling the master who and where it is and how loaded (patent Fig. 7: the slaves report their load). Sent
 * at a regular interval; the first report registers the slave.
 *
 * @param url         where clients reach this slave, e.g. {@code http://127.0.0.1:8090}
 * @param capacity    relays it may carry at once
 * @param relays      relays it carries now
 */
public record SlaveReport(String name, String url, String location, int capacity, int relays) {
}
