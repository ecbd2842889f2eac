package org.switchboard.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated situation: the fleet, how requests arrive, how stale the load reports are, and what is measured.
 * Steady scenarios arrive at the rate that keeps {@code sessionsPerServer} running on average; storms launch
 * {@code stormLaunches} in {@code stormSpan} on top of {@code initialSessions} per server.
 *
 * @param capacities        capacity units per server, used in turn
 * @param locations         locations of the servers, used in turn; clients come from the servers' locations in
 *                          proportion to capacity (blank: unknown, near to nothing)
 * @param alignedReports    all servers report at the same instants (a bulletin board) rather than each on its own phase
 * @param launchDelay       from the master's order until the program runs and the agent counts it
 * @param joiners           servers that join during the run (after the first {@code servers})
 * @param joinAt            when they join
 */
public record Scenario(String name, int servers, int[] capacities, String[] locations, double sessionsPerServer,
                       Duration sessionLength, Duration reportEvery, boolean alignedReports, Duration launchDelay,
                       int initialSessions, int stormLaunches, Duration stormSpan, int joiners, Duration joinAt,
                       Duration warmUp, Duration measured, Duration sampleEvery, long seed) {

    public Scenario {
        if (servers < 1 || capacities.length == 0 || locations.length == 0) {
            throw new IllegalArgumentException("a scenario needs servers, capacities and locations");
        }
        capacities = capacities.clone();
        locations = locations.clone();
    }

    /** The fleet: 1,000 servers averaging 20 sessions of 30 minutes, reports every 5 s. */
    public static Scenario steady() {
        return new Scenario("steady", 1000, new int[] {100}, new String[] {""}, 20, Duration.ofMinutes(30),
                Duration.ofSeconds(5), false, Duration.ofMillis(500), 0, 0, Duration.ZERO, 0, Duration.ZERO,
                Duration.ofMinutes(90), Duration.ofMinutes(60), Duration.ofSeconds(1), 1);
    }

    /** A login storm: 20 servers with some work, 1,000 launches in 10 s, one more server joining half-way. */
    public static Scenario storm() {
        return new Scenario("storm", 20, new int[] {100}, new String[] {""}, 0, Duration.ofMinutes(30),
                Duration.ofSeconds(5), false, Duration.ofMillis(500), 20, 1000, Duration.ofSeconds(10), 1,
                Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(70), Duration.ofMillis(100), 1);
    }

    public int capacity(int server) {
        return capacities[server % capacities.length];
    }

    public String location(int server) {
        return locations[server % locations.length];
    }

    public int fleetSize() {
        return servers + joiners;
    }

    /** Arrivals per second that keep {@code sessionsPerServer} running on average, in a steady scenario. */
    public double arrivalsPerSecond() {
        return stormLaunches > 0 ? stormLaunches / seconds(stormSpan)
                : servers * sessionsPerServer / seconds(sessionLength);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** This scenario with {@code key=value} settings applied; the keys are the ones {@link #describe()} prints. */
    public Scenario with(List<String> settings) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String setting : settings) {
            String[] pair = setting.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("settings look like key=value: " + setting);
            }
            given.put(pair[0], pair[1]);
        }
        Scenario changed = new Scenario(name, integer(given.remove("servers"), servers),
                given.containsKey("capacities") ? Arrays.stream(given.remove("capacities").split(","))
                        .mapToInt(Integer::parseInt).toArray() : capacities,
                given.containsKey("locations") ? given.remove("locations").split(",", -1) : locations,
                given.containsKey("sessions-per-server") ? Double.parseDouble(given.remove("sessions-per-server"))
                        : sessionsPerServer,
                duration(given.remove("session-length"), sessionLength), duration(given.remove("report-every"), reportEvery),
                given.containsKey("aligned-reports") ? Boolean.parseBoolean(given.remove("aligned-reports"))
                        : alignedReports,
                duration(given.remove("launch-delay"), launchDelay),
                integer(given.remove("initial-sessions"), initialSessions),
                integer(given.remove("storm-launches"), stormLaunches), duration(given.remove("storm-span"), stormSpan),
                integer(given.remove("joiners"), joiners), duration(given.remove("join-at"), joinAt),
                duration(given.remove("warm-up"), warmUp), duration(given.remove("measured"), measured),
                duration(given.remove("sample-every"), sampleEvery),
                given.containsKey("seed") ? Long.parseLong(given.remove("seed")) : seed);
        given.remove("policies");
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown settings " + given.keySet() + "; known: " + describe());
        }
        return changed;
    }

    private static int integer(String text, int otherwise) {
        return text == null ? otherwise : Integer.parseInt(text);
    }

    /** Durations as {@code 500ms}, {@code 5s}, {@code 30m} or {@code 2h}. */
    static Duration duration(String text, Duration otherwise) {
        if (text == null) {
            return otherwise;
        }
        String value = text.trim().toLowerCase();
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("durations look like 500ms, 5s, 30m or 2h: " + text);
        };
    }

    public String describe() {
        return "servers=" + servers + (joiners > 0 ? " joiners=" + joiners + " join-at=" + text(joinAt) : "")
                + " capacities=" + join(capacities) + " locations=" + String.join(",", locations)
                + (stormLaunches > 0 ? " initial-sessions=" + initialSessions + " storm-launches=" + stormLaunches
                        + " storm-span=" + text(stormSpan) : " sessions-per-server=" + sessionsPerServer)
                + " session-length=" + text(sessionLength) + " report-every=" + text(reportEvery)
                + " aligned-reports=" + alignedReports + " launch-delay=" + text(launchDelay)
                + " warm-up=" + text(warmUp) + " measured=" + text(measured) + " sample-every=" + text(sampleEvery)
                + " seed=" + seed + String.format(" (%.1f arrivals/s)", arrivalsPerSecond());
    }

    private static String join(int[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(String::valueOf).toList());
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scenario scenario && describe().equals(scenario.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
