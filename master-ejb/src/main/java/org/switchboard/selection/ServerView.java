package org.switchboard.selection;

import java.util.Set;

/**
 * What the master knows of one processing server at the moment of a decision.
 *
 * @param load     capacity units in use: the last report plus the master's own placements since that report
 * @param clients  clients with a running program on this server
 */
public record ServerView(String name, Location location, Set<String> applications, int capacity, Availability availability,
                         int load, Set<String> clients) {

    public ServerView {
        applications = Set.copyOf(applications);
        clients = Set.copyOf(clients);
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
