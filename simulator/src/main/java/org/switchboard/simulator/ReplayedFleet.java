package org.switchboard.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.selection.Board;
import org.switchboard.selection.Location;
import org.switchboard.selection.ServerView;
import org.switchboard.selection.ServerView.Availability;

/**
 * The recorded servers with the programs one replayed world runs on them: the placements it made itself, counted at
 * once, as the master counts its own. Samples how unevenly they are loaded after every change.
 */
final class ReplayedFleet {

    private final List<Recording.Server> servers;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] load;
    private final int[] peak;
    private final boolean[] inService;
    private final List<Map<String, Integer>> clients = new ArrayList<>();
    private final List<Double> imbalance = new ArrayList<>();
    private double peakUtilisation;

    ReplayedFleet(List<Recording.Server> servers) {
        this.servers = List.copyOf(servers);
        this.load = new int[servers.size()];
        this.peak = new int[servers.size()];
        this.inService = new boolean[servers.size()];
        Arrays.fill(inService, true);
        for (int i = 0; i < servers.size(); i++) {
            index.put(servers.get(i).name(), i);
            clients.add(new HashMap<>());
        }
    }

    boolean knows(String server) {
        return server != null && index.containsKey(server);
    }

    void place(String server, String client) {
        int i = index.get(server);
        load[i]++;
        peak[i] = Math.max(peak[i], load[i]);
        clients.get(i).merge(client, 1, Integer::sum);
        sample();
    }

    void release(String server, String client) {
        int i = index.get(server);
        load[i]--;
        clients.get(i).computeIfPresent(client, (same, count) -> count == 1 ? null : count - 1);
        sample();
    }

    /**
     * The board the master would have decided on at {@code now}: the servers it had then, as available as they were
     * then, with this world's load.
     *
     * @param availability by server name, the servers on the master's board at the time
     * @param joined       when each server that joined during the recording joined, for slow start
     */
    Board board(Map<String, Availability> availability, Map<String, Instant> joined, Instant now) {
        List<ServerView> views = new ArrayList<>(availability.size());
        for (Map.Entry<String, Availability> entry : availability.entrySet()) {
            int i = index.get(entry.getKey());
            Recording.Server server = servers.get(i);
            views.add(new ServerView(server.name(), Location.parse(server.location()), Set.copyOf(server.applications()),
                    server.capacity(), entry.getValue(), load[i], clients.get(i).keySet(), joined.get(server.name())));
        }
        return new Board(views, now);
    }

    /** Which servers count in the imbalance from now on: those up on the master's board. */
    void inService(Map<String, Availability> availability) {
        for (int i = 0; i < servers.size(); i++) {
            inService[i] = availability.get(servers.get(i).name()) == Availability.UP;
        }
    }

    int peak(String server) {
        return peak[index.get(server)];
    }

    double peakUtilisation() {
        return peakUtilisation;
    }

    /** The given percentile (0..100) of the samples of max/mean utilisation; 0 before anything ran. */
    double imbalancePercentile(double percentile) {
        if (imbalance.isEmpty()) {
            return 0;
        }
        double[] sorted = imbalance.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    double maxImbalance() {
        return imbalance.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /**
     * The most loaded server's utilisation over the mean utilisation, as the simulator measures, of the servers in
     * service at the last decision: a server that is down or drained takes nothing, and would only lower the mean.
     */
    private void sample() {
        double max = 0;
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < load.length; i++) {
            int capacity = servers.get(i).capacity();
            double utilisation = capacity <= 0 ? 0 : (double) load[i] / capacity;
            peakUtilisation = Math.max(peakUtilisation, utilisation);
            if (inService[i] && capacity > 0) {
                max = Math.max(max, utilisation);
                sum += utilisation;
                counted++;
            }
        }
        if (sum > 0) {
            imbalance.add(max / (sum / counted));
        }
    }
}
