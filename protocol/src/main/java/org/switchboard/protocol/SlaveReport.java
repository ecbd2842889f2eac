package org.switchboard.protocol;

/**
 * A slave telling the master who and where it is and how loaded (patent Fig. 7: the slaves report their load). Sent
 * at a regular interval and with every selection request; the first report registers the slave.
 *
 * @param url                 where clients reach this slave, e.g. {@code http://127.0.0.1:8090}
 * @param capacity            relays it may carry at once
 * @param relays              relays it carries now
 * @param relayBytesPerSecond bytes it relayed per second, both ways, over its last report interval
 * @param requestsPerSecond   session requests it received per second over its last report interval
 */
public record SlaveReport(String name, String url, String location, int capacity, int relays,
                          double relayBytesPerSecond, double requestsPerSecond) {
}
