package org.switchboard.simulator;

import java.util.Random;
import org.switchboard.selection.Location;

/** Baseline: any server whose last report showed room, uniformly at random. */
final class RandomServer implements Placement {

    private static final int ATTEMPTS = 64;
    private final Random random;

    RandomServer(Random random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public int place(SimulatedFleet fleet, String clientId, Location client, long now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int server = random.nextInt(fleet.size);
            if (fleet.up[server] && fleet.reportedLoad(server) < fleet.capacity[server]) {
                return server;
            }
        }
        return -1;
    }
}
