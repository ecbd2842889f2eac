package org.switchboard.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.switchboard.selection.Board;
import org.switchboard.selection.Candidate;
import org.switchboard.selection.Decision;
import org.switchboard.selection.Demand;
import org.switchboard.selection.Location;
import org.switchboard.selection.Selection;
import org.switchboard.selection.ServerView;
import org.switchboard.selection.ServerView.Availability;

/**
 * The selection core on one thread over a board of {@code servers}: 27 locations three levels deep, two applications,
 * about 20 clients per server, loads up to 60% of capacity, a few servers down, drained, full or ramping up. Demands
 * cycle through 4,096 prepared ones (a tenth from clients the board already knows). Building the board is not
 * measured: the master keeps it.
 * <pre>
 *   mvn -pl simulator exec:exec@benchmark -Djmh.args="-f 1 -wi 3 -w 2s -i 5 -r 2s"
 * </pre>
 */
@State(Scope.Thread)
@Threads(1)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SelectionBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");
    private static final String[] APPS = {"desktop", "editor"};

    @Param("1000")
    int servers;

    private final Selection selection = new Selection();
    private Board board;
    /** The board as a master keeps it while it places: changed at every placement ({@link #placeAndDecide}). */
    private Board moving;
    private final Map<String, ServerView> original = new HashMap<>();
    private final Map<String, ServerView> current = new HashMap<>();
    private Demand[] demands;
    private int next;

    @Setup
    public void prepare() {
        Random random = new Random(42);
        List<ServerView> views = new ArrayList<>(servers);
        List<String> knownClients = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            int capacity = 50 + 50 * random.nextInt(3);
            Set<String> clients = new HashSet<>();
            for (int c = 0; c < 20; c++) {
                String client = "client-" + i + "-" + c;
                clients.add(client);
                if (random.nextInt(100) == 0) {
                    knownClients.add(client);
                }
            }
            Availability availability = random.nextInt(100) == 0 ? Availability.DOWN
                    : random.nextInt(100) == 0 ? Availability.DRAINED : Availability.UP;
            int load = random.nextInt(200) == 0 ? capacity : random.nextInt(capacity * 6 / 10);
            Instant joined = random.nextInt(100) == 0 ? NOW.minusSeconds(random.nextInt(60)) : NOW.minusSeconds(86_400);
            views.add(new ServerView(String.format("srv-%05d", i), location(random),
                    random.nextInt(10) == 0 ? Set.of(APPS[1]) : Set.of(APPS), capacity, availability, load, clients,
                    joined));
        }
        board = new Board(views, NOW);
        moving = board;
        views.forEach(view -> original.put(view.name(), view));
        current.putAll(original);
        demands = new Demand[4096];
        for (int d = 0; d < demands.length; d++) {
            String client = random.nextInt(10) == 0 && !knownClients.isEmpty()
                    ? knownClients.get(random.nextInt(knownClients.size())) : "visitor-" + d;
            demands[d] = new Demand(client, APPS[random.nextInt(10) == 0 ? 1 : 0],
                    random.nextInt(10) == 0 ? Location.UNKNOWN : location(random));
        }
    }

    private static Location location(Random random) {
        String[] continents = {"eu", "us", "ap"};
        return Location.parse(continents[random.nextInt(3)] + "/c" + random.nextInt(3) + "/dc" + random.nextInt(3));
    }

    /** The choice, as the master makes it inside its critical section. */
    @Benchmark
    public Decision decide() {
        return selection.select(board, demands[next++ & (demands.length - 1)]);
    }

    /**
     * A placement as the master makes it: the choice, then the board with the chosen server one program fuller and
     * serving the client, derived from the last board ({@link Board#with}). A server five programs over its load
     * at the start is set back to it, as a load report would.
     */
    @Benchmark
    public Decision placeAndDecide() {
        return place(false);
    }

    /** The same with each new board made afresh, as the master did before boards were derived. */
    @Benchmark
    public Decision placeAndDecideAfresh() {
        return place(true);
    }

    private Decision place(boolean afresh) {
        Demand demand = demands[next++ & (demands.length - 1)];
        Decision decision = selection.select(moving, demand);
        decision.chosen().ifPresent(name -> {
            ServerView before = current.get(name);
            ServerView after;
            if (before.load() >= original.get(name).load() + 5) {
                after = original.get(name);
            } else {
                Set<String> clients = new HashSet<>(before.clients());
                clients.add(demand.clientId());
                after = new ServerView(name, before.location(), before.applications(), before.capacity(),
                        before.availability(), before.load() + 1, clients, before.joined());
            }
            current.put(name, after);
            moving = afresh ? new Board(moving.with(List.of(after)).servers(), NOW) : moving.with(List.of(after));
        });
        return decision;
    }

    /** The choice and every candidate's reasons, as the master records them afterwards. */
    @Benchmark
    public Candidate decideAndExplain() {
        List<Candidate> candidates = selection.select(board, demands[next++ & (demands.length - 1)]).candidates();
        return candidates.get(candidates.size() - 1);
    }
}
