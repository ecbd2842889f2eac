package org.switchboard.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.switchboard.selection.SelectionPolicy;

/**
 * The {@code whatif} command: replays what a master recorded against another selection policy and prints what would
 * have changed.
 * <pre>
 *   mvn -pl simulator exec:java -Dexec.args="whatif --from http://127.0.0.1:8080 --policy nearest-first=false"
 *   mvn -pl simulator exec:java -Dexec.args="whatif --from recorded/ --policy spill-margin=0.5,slow-start.window-ms=0"
 * </pre>
 * The policy settings are the master's own ({@code switchboard.selection.*}), starting from the defaults.
 */
final class WhatIf {

    static final String USAGE = "whatif --from <master URL | directory with servers.json, history.json, sessions.json>"
            + " [--policy group-by-client=true,nearest-first=true,spill-margin=0.75,slow-start.window-ms=60000,"
            + "slow-start.initial-share=0.1]";

    private WhatIf() {
    }

    static void main(List<String> args, PrintStream out) {
        String from = option(args, "--from");
        if (from == null) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        String settings = option(args, "--policy");
        SelectionPolicy policy = policy(settings == null ? "" : settings);
        Recording recording = Recording.from(from);
        print(recording, policy, new Replay(recording, policy).run(), out);
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value; usage: " + USAGE);
        }
        return args.get(at + 1);
    }

    /** The defaults changed by {@code key=value,...}, the keys as the master's configuration names them. */
    static SelectionPolicy policy(String settings) {
        SelectionPolicy policy = SelectionPolicy.DEFAULTS;
        for (String setting : settings.split(",")) {
            if (setting.isBlank()) {
                continue;
            }
            String[] pair = setting.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("policy setting must be key=value: " + setting);
            }
            String key = pair[0].trim().replaceFirst("^switchboard\\.selection\\.", "");
            String value = pair[1].trim();
            policy = switch (key) {
                case "group-by-client" -> policy.withGroupByClient(bool(key, value));
                case "nearest-first" -> policy.withNearestFirst(bool(key, value));
                case "spill-margin" -> policy.withSpillMargin(Double.parseDouble(value));
                case "slow-start.window-ms" -> policy.withSlowStart(Duration.ofMillis(Long.parseLong(value)),
                        policy.slowStartInitialShare());
                case "slow-start.initial-share" -> policy.withSlowStart(policy.slowStartWindow(),
                        Double.parseDouble(value));
                default -> throw new IllegalArgumentException("unknown policy setting " + key + "; usage: " + USAGE);
            };
        }
        return policy;
    }

    private static boolean bool(String key, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    static String describe(SelectionPolicy policy) {
        return String.format(Locale.ROOT, "group-by-client=%s nearest-first=%s spill-margin=%s slow-start.window-ms=%d"
                        + " slow-start.initial-share=%s", policy.groupByClient(), policy.nearestFirst(),
                policy.spillMargin(), policy.slowStartWindow().toMillis(), policy.slowStartInitialShare());
    }

    static void print(Recording recording, SelectionPolicy policy, WhatIfResult result, PrintStream out) {
        List<Recording.Request> requests = recording.requests();
        out.println();
        out.printf(Locale.ROOT, "What if: %d requests%s, %d servers, under %s%n", result.requests(),
                requests.isEmpty() ? "" : " from " + requests.get(0).requestedAt() + " to "
                        + requests.get(requests.size() - 1).requestedAt(), recording.servers().size(),
                describe(policy));
        out.printf(Locale.ROOT, "on a different server:            %d of %d%n", result.moved(), result.compared());
        out.printf(Locale.ROOT, "placed instead of rejected:        %d%n", result.wouldPlace());
        out.printf(Locale.ROOT, "rejected instead of placed:        %d%n", result.wouldReject());
        out.println();
        out.printf(Locale.ROOT, "%-20s %10s %10s%n", "", "recorded", "what if");
        out.printf(Locale.ROOT, "%-20s %10.2f %10.2f%n", "p99 max/mean", result.recorded().p99Imbalance(),
                result.whatIf().p99Imbalance());
        out.printf(Locale.ROOT, "%-20s %10.2f %10.2f%n", "max max/mean", result.recorded().maxImbalance(),
                result.whatIf().maxImbalance());
        out.printf(Locale.ROOT, "%-20s %9.0f%% %9.0f%%%n", "peak utilisation",
                100 * result.recorded().peakUtilisation(), 100 * result.whatIf().peakUtilisation());
        out.println();
        out.printf(Locale.ROOT, "%-20s %-14s %8s %14s %14s%n", "server", "location", "capacity", "peak recorded",
                "peak what if");
        for (Recording.Server server : recording.servers()) {
            out.printf(Locale.ROOT, "%-20s %-14s %8d %14d %14d%n", server.name(), server.location(), server.capacity(),
                    result.recorded().peaks().get(server.name()), result.whatIf().peaks().get(server.name()));
        }
        out.flush();
    }
}
