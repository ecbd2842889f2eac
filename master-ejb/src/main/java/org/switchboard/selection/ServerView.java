package org.switchboard.selection;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the master knows of one processing server at the moment of a decision.
 *
 * @param load     capacity units in use: the last report plus the master's own placements since that report,
 *                 including launches still in flight (the master counts them when it sends the order, so two decisions
 *                 in a row never both see the same free unit)
 * @param clients  clients with a running program on this server
 * @param joined   when the server (re-)registered, for slow start; null when unknown, and then it counts as
 *                 established
 */
public record ServerView(String name, Location location, Set<String> applications, int capacity, Availability availability,
                         int load, Set<String> clients, Instant joined) {

    public ServerView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(availability, "availability");
        applications = Set.copyOf(applications);
        clients = Set.copyOf(clients);
    }

    /** A server whose joining time is unknown: it counts as established. */
    public ServerView(String name, Location location, Set<String> applications, int capacity, Availability availability,
                      int load, Set<String> clients) {
        this(name, location, applications, capacity, availability, load, clients, null);
    }

    /** The same server carrying {@code newLoad}. */
    public ServerView withLoad(int newLoad) {
        return new ServerView(name, location, applications, capacity, availability, newLoad, clients, joined);
    }

    /** Load per capacity unit: 0 idle, 1 full. */
    public double utilisation() {
        return capacity <= 0 ? 1.0 : (double) load / capacity;
    }

    public boolean hasRoom() {
        return load < capacity;
    }

    /** Whether a server takes part in selection. */
    public enum Availability { UP, DOWN, DRAINED }
}
