package org.switchboard.simulator;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.switchboard.selection.SelectionPolicy;

/**
 * Runs scenarios against the placements and prints a table per scenario.
 * <pre>
 *   mvn -pl simulator exec:java -Dexec.args="all"
 *   mvn -pl simulator exec:java -Dexec.args="steady report-every=100s policies=switchboard,stale-least-loaded"
 *   mvn -pl simulator exec:java -Dexec.args="storm joiners=2"
 *   mvn -pl simulator exec:java -Dexec.args="whatif --from http://127.0.0.1:8080 --policy nearest-first=false"
 * </pre>
 * {@code all} runs what {@code docs/selection.md} reports: steady with reports every 5 s and every 100 s, and the storm.
 */
public final class Simulator {

    static final List<String> PLACEMENTS = List.of("stale-least-loaded", "random", "round-robin",
            "power-of-two-choices", "least-loaded-counting-own", "switchboard");

    private Simulator() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help")) {
            System.out.println("usage: all | steady | storm [key=value ...] [policies=" + String.join(",", PLACEMENTS)
                    + "]\n  steady: " + Scenario.steady().describe() + "\n  storm:  " + Scenario.storm().describe()
                    + "\n   or: " + WhatIf.USAGE);
            return;
        }
        if (args[0].equals("whatif")) {
            WhatIf.main(Arrays.asList(args).subList(1, args.length), System.out);
            return;
        }
        List<String> settings = Arrays.asList(args).subList(1, args.length);
        List<String> placements = settings.stream().filter(setting -> setting.startsWith("policies="))
                .findFirst().map(setting -> List.of(setting.substring("policies=".length()).split(",")))
                .orElse(PLACEMENTS);
        List<Scenario> scenarios = switch (args[0]) {
            case "steady" -> List.of(Scenario.steady().with(settings));
            case "storm" -> List.of(Scenario.storm().with(settings));
            case "all" -> List.of(Scenario.steady().with(settings),
                    Scenario.steady().with(List.of("report-every=100s")).with(settings),
                    Scenario.storm().with(settings));
            default -> throw new IllegalArgumentException("unknown scenario " + args[0] + "; try help");
        };
        for (Scenario scenario : scenarios) {
            print(scenario, placements.stream().map(name -> run(scenario, name)).toList(), System.out);
        }
    }

    /** Runs one named placement through a scenario with the default selection policy. */
    static Result run(Scenario scenario, String placement) {
        return run(scenario, placement, SelectionPolicy.DEFAULTS);
    }

    static Result run(Scenario scenario, String placement, SelectionPolicy policy) {
        Random decisions = new Random(scenario.seed() + 1);
        Placement chosen = switch (placement) {
            case "stale-least-loaded" -> new StaleLeastLoaded(false);
            case "least-loaded-counting-own" -> new StaleLeastLoaded(true);
            case "random" -> new RandomServer(decisions);
            case "round-robin" -> new RoundRobin();
            case "power-of-two-choices" -> new PowerOfTwoChoices(decisions);
            case "switchboard" -> new SwitchboardSelection(policy);
            default -> throw new IllegalArgumentException("unknown placement " + placement + "; known: " + PLACEMENTS);
        };
        return new Simulation(scenario, chosen, policy, new Random(scenario.seed())).run();
    }

    static void print(Scenario scenario, List<Result> results, PrintStream out) {
        out.println();
        out.println(scenario);
        out.printf("%-27s %13s %13s %9s %9s %s%n", "placement", "p99 max/mean", "max max/mean", "launches", "failures",
                scenario.joiners() > 0 ? "  joined server: programs, most above slow-start allowance" : "");
        for (Result result : results) {
            out.printf("%-27s %13.2f %13.2f %9d %9d %s%n", result.placement(), result.p99Imbalance(),
                    result.maxImbalance(), result.launches(), result.failures(),
                    scenario.joiners() > 0 ? String.format("  %d, %+d", result.joinedLoad(), result.slowStartExcess())
                            : "");
        }
        out.flush();
    }
}
