package org.switchboard.simulator;

import org.switchboard.selection.Location;

/** Baseline: each server in turn, skipping those whose last report showed them full. */
final class RoundRobin implements Placement {

    private int next;

    @Override
    public String name() {
        return "round-robin";
    }

    @Override
    public int place(SimulatedFleet fleet, String clientId, Location client, long now) {
        for (int tried = 0; tried < fleet.size; tried++) {
            int server = next;
            next = (next + 1) % fleet.size;
            if (fleet.up[server] && fleet.reportedLoad(server) < fleet.capacity[server]) {
                return server;
            }
        }
        return -1;
    }
}
