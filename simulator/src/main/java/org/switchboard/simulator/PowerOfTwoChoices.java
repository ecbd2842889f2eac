package org.switchboard.simulator;

import java.util.Random;
import org.switchboard.selection.Location;

/** Baseline: two servers at random, the one that looked less loaded per capacity at its last report (Mitzenmacher). */
final class PowerOfTwoChoices implements Placement {

    private final RandomServer any;

    PowerOfTwoChoices(Random random) {
        this.any = new RandomServer(random);
    }

    @Override
    public String name() {
        return "power-of-two-choices";
    }

    @Override
    public int place(SimulatedFleet fleet, String clientId, Location client, long now) {
        int first = any.place(fleet, clientId, client, now);
        int second = any.place(fleet, clientId, client, now);
        if (first < 0 || second < 0) {
            return Math.max(first, second);
        }
        return (double) fleet.reportedLoad(second) / fleet.capacity[second]
                < (double) fleet.reportedLoad(first) / fleet.capacity[first] ? second : first;
    }
}
