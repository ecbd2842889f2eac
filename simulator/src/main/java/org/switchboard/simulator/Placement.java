package org.switchboard.simulator;

import org.switchboard.selection.Location;

/** How a simulated master picks a server for one arrival: the real core, or a naive baseline. */
interface Placement {

    /** A short name for tables and command lines. */
    String name();

    /**
     * The index of the chosen server, or -1 when it refuses the request.
     *
     * @param client the client's location
     * @param now    simulation time in milliseconds
     */
    int place(SimulatedFleet fleet, String clientId, Location client, long now);
}
