package org.switchboard.simulator;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Random;
import org.switchboard.selection.Location;
import org.switchboard.selection.SelectionPolicy;

/**
 * One run of one placement through one scenario: a discrete-event loop over arrivals, launches reaching the agent,
 * departures, load reports, servers joining and measurement samples. Deterministic for a seed.
 */
final class Simulation {

    private static final int ARRIVAL = 0;
    private static final int LAUNCHED = 1;
    private static final int DEPARTED = 2;
    private static final int REPORT = 3;
    private static final int JOIN = 4;
    private static final int SAMPLE = 5;

    private record Event(long at, long order, int kind, int server) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            return at != other.at ? Long.compare(at, other.at) : Long.compare(order, other.order);
        }
    }

    private final Scenario scenario;
    private final Placement placement;
    private final SelectionPolicy slowStart;
    private final Random world;
    private final SimulatedFleet fleet;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final long measureFrom;
    private final long end;
    private long order;
    private long arrivals;
    private long launches;
    private long failures;
    private int slowStartExcess = Integer.MIN_VALUE;
    private double[] samples = new double[1024];
    private int sampleCount;

    /**
     * @param slowStart the policy whose slow-start allowance servers are checked against, whatever the placement
     * @param world     the source of arrivals, session lengths and report phases
     */
    Simulation(Scenario scenario, Placement placement, SelectionPolicy slowStart, Random world) {
        this.scenario = scenario;
        this.placement = placement;
        this.slowStart = slowStart;
        this.world = world;
        this.fleet = new SimulatedFleet(scenario);
        this.measureFrom = scenario.warmUp().toMillis();
        this.end = measureFrom + scenario.measured().toMillis();
    }

    Result run() {
        long reportEvery = scenario.reportEvery().toMillis();
        for (int i = 0; i < scenario.servers(); i++) {
            for (int s = 0; s < scenario.initialSessions(); s++) {
                fleet.sent[i]++;
                fleet.received[i]++;
                fleet.running[i]++;
                schedule(sessionLength(), DEPARTED, i);
            }
            fleet.report(i);
            schedule(scenario.alignedReports() ? reportEvery : 1 + (long) (world.nextDouble() * reportEvery), REPORT, i);
        }
        for (int i = scenario.servers(); i < fleet.size; i++) {
            schedule(scenario.joinAt().toMillis(), JOIN, i);
        }
        schedule(nextArrival(0), ARRIVAL, -1);
        schedule(measureFrom, SAMPLE, -1);
        while (!events.isEmpty()) {
            Event event = events.poll();
            if (event.at > end) {
                break;
            }
            handle(event);
        }
        double[] measured = Arrays.copyOf(samples, sampleCount);
        Arrays.sort(measured);
        int last = fleet.size - 1;
        return new Result(placement.name(), percentile(measured, 0.99),
                measured.length == 0 ? Double.NaN : measured[measured.length - 1], launches, failures,
                slowStartExcess, fleet.running[last]);
    }

    private void handle(Event event) {
        long now = event.at;
        int server = event.server;
        switch (event.kind) {
            case ARRIVAL -> {
                arrive(now);
                if (scenario.stormLaunches() == 0 || arrivals < scenario.stormLaunches()) {
                    schedule(nextArrival(now), ARRIVAL, -1);
                }
            }
            case LAUNCHED -> {
                fleet.received[server]++;
                if (fleet.running[server] >= fleet.capacity[server]) {
                    failures += now >= measureFrom ? 1 : 0;
                } else {
                    fleet.running[server]++;
                    schedule(now + sessionLength(), DEPARTED, server);
                }
            }
            case DEPARTED -> fleet.running[server]--;
            case REPORT -> {
                fleet.report(server);
                schedule(now + scenario.reportEvery().toMillis(), REPORT, server);
            }
            case JOIN -> {
                fleet.join(server, now);
                fleet.report(server);
                schedule(now + scenario.reportEvery().toMillis(), REPORT, server);
            }
            case SAMPLE -> {
                sample(now);
                schedule(now + scenario.sampleEvery().toMillis(), SAMPLE, -1);
            }
            default -> throw new IllegalStateException("unknown event " + event.kind);
        }
    }

    private void arrive(long now) {
        arrivals++;
        int from = clientServer();
        Location client = fleet.locations[from];
        int chosen = placement.place(fleet, "client-" + arrivals, client, now);
        boolean counted = now >= measureFrom;
        if (chosen < 0) {
            failures += counted ? 1 : 0;
            return;
        }
        launches += counted ? 1 : 0;
        fleet.ordered(chosen);
        schedule(now + scenario.launchDelay().toMillis(), LAUNCHED, chosen);
    }

    /** A server picked in proportion to capacity, whose location the arriving client shares. */
    private int clientServer() {
        int servers = scenario.servers();
        while (true) {
            int candidate = world.nextInt(servers);
            if (world.nextDouble() * maxCapacity() < fleet.capacity[candidate]) {
                return candidate;
            }
        }
    }

    private int maxCapacity() {
        return Arrays.stream(scenario.capacities()).max().orElse(1);
    }

    private void sample(long now) {
        if (sampleCount == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[sampleCount++] = fleet.imbalance();
        for (int i = 0; i < fleet.size; i++) {
            if (fleet.up[i] && now - fleet.joinedAt[i] < slowStart.slowStartWindow().toMillis()) {
                double share = slowStart.slowStartShare(SimulatedFleet.START.plusMillis(fleet.joinedAt[i]),
                        SimulatedFleet.START.plusMillis(now));
                int allowance = (int) Math.ceil(share * fleet.capacity[i]);
                slowStartExcess = Math.max(slowStartExcess, fleet.running[i] - allowance);
            }
        }
    }

    private long sessionLength() {
        return Math.max(1, (long) (-Math.log(1 - world.nextDouble()) * scenario.sessionLength().toMillis()));
    }

    private long nextArrival(long now) {
        return now + Math.max(1, (long) (-Math.log(1 - world.nextDouble()) * 1000 / scenario.arrivalsPerSecond()));
    }

    private void schedule(long at, int kind, int server) {
        events.add(new Event(at, order++, kind, server));
    }

    private static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
