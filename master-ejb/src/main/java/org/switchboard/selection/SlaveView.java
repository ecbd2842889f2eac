package org.switchboard.selection;

/**
 * What the master knows of one slave at the moment of a decision.
 *
 * @param capacity relays it may carry at once
 * @param relays   relays it carries now
 * @param up       whether its reports keep arriving
 */
public record SlaveView(String name, String url, Location location, int capacity, int relays, boolean up) {

    public boolean hasRoom() {
        return relays < capacity;
    }

    public double utilisation() {
        return capacity <= 0 ? 1.0 : (double) relays / capacity;
    }
}
