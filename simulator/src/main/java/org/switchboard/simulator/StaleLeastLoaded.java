package org.switchboard.simulator;

import org.switchboard.selection.Location;

/**
 * Baseline: the server that looked least loaded per capacity at its last report, ties to the lowest index — the
 * placement that herds every request between two reports onto the same server. With {@code countingOwn}, it adds
 * its own placements since the report, which is what the product's load metric does.
 */
final class StaleLeastLoaded implements Placement {

    private final boolean countingOwn;

    StaleLeastLoaded(boolean countingOwn) {
        this.countingOwn = countingOwn;
    }

    @Override
    public String name() {
        return countingOwn ? "least-loaded-counting-own" : "stale-least-loaded";
    }

    @Override
    public int place(SimulatedFleet fleet, String clientId, Location client, long now) {
        int best = -1;
        double bestLoad = Double.POSITIVE_INFINITY;
        for (int i = 0; i < fleet.size; i++) {
            int load = countingOwn ? fleet.masterLoad(i) : fleet.reportedLoad(i);
            if (fleet.up[i] && load < fleet.capacity[i]) {
                double utilisation = (double) load / fleet.capacity[i];
                if (utilisation < bestLoad) {
                    bestLoad = utilisation;
                    best = i;
                }
            }
        }
        return best;
    }
}
