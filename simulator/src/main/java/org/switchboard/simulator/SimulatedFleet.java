package org.switchboard.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.switchboard.selection.Board;
import org.switchboard.selection.Location;
import org.switchboard.selection.ServerView;
import org.switchboard.selection.ServerView.Availability;

/**
 * The simulated servers as they are (programs running) and as the master sees them (last report, and the orders it
 * sent since, the way {@code master.control.Fleet} counts them). Arrays indexed by server, for a fleet of thousands.
 */
final class SimulatedFleet {

    /** Simulation time 0. */
    static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    static final String APP = "desktop";
    private static final Set<String> APPS = Set.of(APP);

    final int size;
    final String[] names;
    final Location[] locations;
    final int[] capacity;
    final boolean[] up;
    final long[] joinedAt;
    /** Programs running now: the truth, which the master never sees directly. */
    final int[] running;
    /** Launch orders the agent has received. */
    final long[] received;
    /** Launch orders the master has sent. */
    final long[] sent;
    final int[] reportedLoad;
    final long[] reportedReceived;
    private final List<ServerView> views;
    private final boolean[] viewStale;

    SimulatedFleet(Scenario scenario) {
        size = scenario.fleetSize();
        names = new String[size];
        locations = new Location[size];
        capacity = new int[size];
        up = new boolean[size];
        joinedAt = new long[size];
        running = new int[size];
        received = new long[size];
        sent = new long[size];
        reportedLoad = new int[size];
        reportedReceived = new long[size];
        views = new ArrayList<>(size);
        viewStale = new boolean[size];
        for (int i = 0; i < size; i++) {
            names[i] = String.format("srv-%05d", i);
            locations[i] = Location.parse(scenario.location(i));
            capacity[i] = scenario.capacity(i);
            // the servers there from the start joined long before it
            joinedAt[i] = i < scenario.servers() ? -86_400_000L : Long.MAX_VALUE;
            up[i] = i < scenario.servers();
            views.add(null);
        }
        Arrays.fill(viewStale, true);
    }

    /** The load the master counts with: the last report plus its own orders that report did not show yet. */
    int masterLoad(int server) {
        return reportedLoad[server] + (int) Math.max(0, sent[server] - reportedReceived[server]);
    }

    int reportedLoad(int server) {
        return reportedLoad[server];
    }

    void join(int server, long now) {
        up[server] = true;
        joinedAt[server] = now;
        changed(server);
    }

    void ordered(int server) {
        sent[server]++;
        changed(server);
    }

    void report(int server) {
        reportedLoad[server] = running[server];
        reportedReceived[server] = received[server];
        changed(server);
    }

    private void changed(int server) {
        viewStale[server] = true;
    }

    /** The master's board at {@code now}: views are rebuilt only for servers whose state changed. */
    Board board(long now) {
        for (int i = 0; i < size; i++) {
            if (viewStale[i]) {
                views.set(i, new ServerView(names[i], locations[i], APPS, capacity[i],
                        up[i] ? Availability.UP : Availability.DOWN, masterLoad(i), Set.of(),
                        up[i] ? START.plusMillis(joinedAt[i]) : null));
                viewStale[i] = false;
            }
        }
        return new Board(views, START.plusMillis(now));
    }

    int totalRunning() {
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += up[i] ? running[i] : 0;
        }
        return total;
    }

    /** The most loaded server's utilisation over the fleet's mean utilisation, counting running programs. */
    double imbalance() {
        long load = 0;
        long capacityUp = 0;
        double max = 0;
        for (int i = 0; i < size; i++) {
            if (up[i]) {
                load += running[i];
                capacityUp += capacity[i];
                max = Math.max(max, (double) running[i] / capacity[i]);
            }
        }
        return load == 0 ? 1.0 : max / ((double) load / capacityUp);
    }
}
