package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A master group on PostgreSQL at working size: three masters (lb-micro on Payara Micro, members of one data grid on
 * loopback), two slaves and three agents on instances of their own, all knowing the three masters' URLs; 200 live
 * sessions relayed, and new ones asked for at a steady 20 a second, half of them redirected to the other slave.
 * <p>
 * One agent, the nearest to the steady clients, is killed first and every master takes it out of selection. Then the
 * deciding master's JVM is killed (SIGKILL) under load: a surviving master places sessions again (the 2 s target is
 * measured and printed), every live relay still carries bytes, no client's request is placed twice, none on the dead
 * server, and every answered request has its history entry in PostgreSQL. Then the whole group is killed; while it
 * is down, clients end 50 of the live sessions and the steady load's abandoned sessions reach the agents' connect
 * timeout. The group is started again on its database, and the sessions it holds as running become exactly the
 * programs the agents run: nothing orphaned, nothing forgotten. Through all of it, no instance answers any request
 * with {@code 500}.
 */
class MasterGroupIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /**
     * A hand-over that did not happen, or waited for something it must not (the data grid's default heartbeat timeout
     * of 60 s, a slave's give-up): far above the 2 s target, which is measured and reported (docs/measurements.md), not
     * asserted — nine JVMs, PostgreSQL and some 400 programs on two cores take several seconds when the machine is
     * saturated.
     */
    private static final Duration HAND_OVER_BOUND = Duration.ofSeconds(20);
    private static final int GROUP_SIZE = 3;
    private static final int LIVE_SESSIONS = 200;
    private static final int ENDED_WHILE_DOWN = 50;
    /**
     * New sessions a second while the decider is killed: half the 20 of the target, which saturates the two cores of
     * the test machine with this fleet on it (requests then queue for seconds, and the hand-over figure measures the
     * queue); docs/measurements.md has both.
     */
    private static final int NEW_PER_SECOND = Integer.getInteger("switchboard.test.new-per-second", 10);
    /** Steady requests answered after the kill before the load stops: a few seconds of placing again. */
    private static final int PLACED_AFTER_KILL = 3 * NEW_PER_SECOND;
    /**
     * The agents end a program no client connected to after this long (default 60 s): the steady load's sessions, and
     * any program launched for a request whose answer died with its master.
     */
    private static final int CONNECT_TIMEOUT_MILLIS = 20_000;
    /**
     * A member silent for this long is gone. A killed member is noticed sooner, by its refused connections; this is for
     * members that hang, and must outlast the stalls of many JVMs starting at once on two cores (2.4 s was seen).
     */
    private static final int MAX_SILENCE_SECONDS = 5;
    private static final String NEAR = "eu/de";
    private static final String FAR = "us/ny";
    private static final String SECRET = LocalFleet.SECRET;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theGroupLosesNothingWhenItsDeciderDiesAndReconcilesWithTheAgentsWhenItIsRestartedWhole() throws Exception {
        String cluster = "switchboard-group-" + UUID.randomUUID();
        List<Integer> gridPorts = IntStream.range(0, GROUP_SIZE).mapToObj(i -> Ports.free()).toList();
        try (PostgresCluster database = PostgresCluster.start("group");
             Instances instances = new Instances()) {
            List<MicroInstance> masters = new ArrayList<>();
            for (int i = 0; i < GROUP_SIZE; i++) {
                masters.add(instances.add(master(i, database)
                        .dataGrid(cluster, gridPorts.get(i), gridPorts, MAX_SILENCE_SECONDS)));
            }
            String masterUrls = masters.stream().map(MicroInstance::url).collect(Collectors.joining(","));
            List<MicroInstance> agents = List.of(instances.add(agent("berlin", masterUrls, NEAR)),
                    instances.add(agent("frankfurt", masterUrls, NEAR)));
            MicroInstance far = instances.add(agent("far", masterUrls, FAR));
            MicroInstance edge = instances.add(slave("edge", masterUrls, NEAR));
            MicroInstance west = instances.add(slave("west", masterUrls, FAR));
            // a master configured for the group but started without the data grid: it must never decide
            MicroInstance loner = instances.add(master(GROUP_SIZE, database));
            // the group first, then the rest: ten JVMs starting at once on two cores take minutes
            startGroup(masters, gridPorts);
            List<MicroInstance> rest = List.of(agents.get(0), agents.get(1), far, edge, west, loner);
            rest.forEach(MicroInstance::launch);
            rest.forEach(MicroInstance::awaitReady);
            assertNeverDecides(loner);
            loner.close();

            JsonObject group = awaitGroup(masters, masters.get(0));
            // the next oldest member decides once the decider is gone
            String nextUrl = group.getJsonArray("members").getJsonObject(1).getString("url");
            MicroInstance next = masters.stream().filter(master -> master.url().equals(nextUrl)).findFirst()
                    .orElseThrow(() -> new AssertionError("no master at " + nextUrl + " in " + group));
            for (MicroInstance master : masters) {
                awaitServers(master, Map.of("berlin", "up", "frankfurt", "up", "far", "up"));
            }
            for (MicroInstance standby : masters.subList(1, masters.size())) {
                Eventually.await(standby.url() + " rehearses decisions to be ready to take over", PATIENCE,
                        () -> new Api(standby.url()).get("/api/v1/master/admin/group"),
                        reply -> reply.status() == 200 && reply.object().get("lastRehearsalAt") != null);
            }
            far.kill();
            for (MicroInstance master : masters) {
                awaitServers(master, Map.of("berlin", "up", "frankfurt", "up", "far", "down"));
            }

            List<Api> slaves = List.of(new Api(edge.url()), new Api(west.url()));
            List<Live> live = openLive(slaves);
            try {
                // the deciding master dies under load
                MicroInstance decider = masters.get(0);
                long killed;
                Instant killedAt;
                List<SteadyLoad.Outcome> outcomes;
                try (SteadyLoad load = SteadyLoad.start(slaves, "steady-", "cat", FAR, NEW_PER_SECOND)) {
                    Eventually.await("the steady load is placed", PATIENCE,
                            () -> load.outcomes().stream().filter(SteadyLoad.Outcome::placed).count()
                                    >= NEW_PER_SECOND);
                    killed = decider.kill();
                    killedAt = Instant.now().minusNanos(System.nanoTime() - killed);
                    Eventually.await(PLACED_AFTER_KILL + " sessions asked for after the kill are placed", PATIENCE,
                            () -> load.outcomes().stream().filter(outcome -> outcome.sentNanos() > killed)
                                    .filter(SteadyLoad.Outcome::placed).count() >= PLACED_AFTER_KILL);
                    outcomes = load.outcomes();
                }
                Instant decidingSince = decidingSince(awaitGroup(List.of(masters.get(1), masters.get(2)), next));
                reportHandOver(outcomes, killed, Duration.between(killedAt, decidingSince));

                assertThat(outcomes).as("what clients heard: a session, or the group's 503 while it had no decider")
                        .allSatisfy(outcome -> assertThat(outcome.status()).as(outcome.toString()).isIn(201, 503));
                List<JsonObject> placed = outcomes.stream().filter(SteadyLoad.Outcome::placed)
                        .map(SteadyLoad.Outcome::session).toList();
                assertThat(placed).as("no session on the server that was reported dead, the nearest to " + FAR
                                + " clients")
                        .allSatisfy(session -> assertThat(session.getJsonObject("server").getString("name"))
                                .isNotEqualTo("far"));
                assertThat(outcomes).as("redirects were followed: the load went through both slaves")
                        .anyMatch(SteadyLoad.Outcome::redirected);

                for (Live session : live) {
                    session.echo("after the hand-over");
                }
                try (Connection sql = database.connect()) {
                    Map<String, String> sessions = sessions(sql);
                    List<String> answered = new ArrayList<>(live.stream().map(Live::id).toList());
                    placed.forEach(session -> answered.add(session.getString("id")));
                    assertThat(sessions).as("the database holds every session a client was told of")
                            .containsKeys(answered.toArray(String[]::new));
                    Map<String, Long> perClient = sessions.values().stream()
                            .collect(Collectors.groupingBy(client -> client, Collectors.counting()));
                    assertThat(perClient).as("no client's request placed twice").allSatisfy(
                            (client, count) -> assertThat(count).isEqualTo(1L));
                    Map<String, String> placements = placements(sql);
                    assertThat(placements).as("every placement a client was told of is in the request history")
                            .containsKeys(answered.toArray(String[]::new));
                    assertThat(PostgresCluster.column(sql, "SELECT id FROM program_session WHERE relay_token_hash = "
                            + "'~rehearsal' UNION ALL SELECT session_id FROM client_request"
                            + " WHERE client_id = '~rehearsal'"))
                            .as("the rehearsals of the members that do not decide left nothing behind").isEmpty();
                    Set<String> redirectedClients = redirectedClients(sql);
                    assertThat(outcomes.stream().filter(SteadyLoad.Outcome::redirected).map(SteadyLoad.Outcome::client))
                            .as("every redirect a client was told of is in the request history")
                            .allMatch(redirectedClients::contains);
                }

                // the whole group dies; clients end sessions and programs end while it is down
                masters.get(1).kill();
                masters.get(2).kill();
                List<Live> ended = live.subList(0, ENDED_WHILE_DOWN);
                ended.forEach(Live::finish);
                List<Live> kept = live.subList(ENDED_WHILE_DOWN, live.size());

                startGroup(masters, gridPorts);
                awaitGroup(masters, masters.get(0));
                try (Connection sql = database.connect()) {
                    Eventually.await("the sessions the database holds as running are exactly the agents' programs",
                            PATIENCE.plusMillis(CONNECT_TIMEOUT_MILLIS), () -> {
                                try {
                                    return running(sql).equals(programs(agents));
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                    Set<String> running = running(sql);
                    assertThat(running).as("the live sessions kept by their clients run on")
                            .containsAll(kept.stream().map(Live::id).toList());
                    assertThat(running).as("the sessions their clients ended while the group was down are ended")
                            .doesNotContainAnyElementsOf(ended.stream().map(Live::id).toList());
                    System.out.printf("MasterGroupIT: after the whole group was restarted, %d sessions run, all of "
                            + "them on the agents, which run nothing else%n", running.size());
                }
                for (Live session : kept) {
                    session.echo("after the restart");
                }
                JsonObject after = new Api(edge.url()).open("cat", "after-the-restart", NEAR);
                assertThat(after.getJsonObject("server").getString("name")).isIn("berlin", "frankfurt");
                assertThat(instances.unexpectedFailures()).as("requests any instance answered with 500").isEmpty();
            } finally {
                live.forEach(Live::close);
            }
        }
    }

    /** A master of the group without the data grid says so, and its slave refuses clients with the group's 503. */
    private static void assertNeverDecides(MicroInstance loner) {
        JsonObject group = new Api(loner.url()).get("/api/v1/master/admin/group").object();
        assertThat(group.getBoolean("deciding")).as("a member without the data grid decides: " + group).isFalse();
        Api.Reply refused = new Api(loner.url()).post("/api/v1/sessions",
                "{\"app\":\"cat\",\"clientId\":\"lonely\",\"location\":\"" + NEAR + "\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.object().getString("error")).isEqualTo("not-deciding");
    }

    /** Starts the first master's data grid first, so that it is the oldest member (the decider), then the others. */
    private static void startGroup(List<MicroInstance> masters, List<Integer> gridPorts) {
        masters.get(0).launch();
        Eventually.await("the first master's data grid listens on 127.0.0.1:" + gridPorts.get(0), PATIENCE,
                () -> accepts(gridPorts.get(0)));
        List<MicroInstance> others = masters.subList(1, masters.size());
        others.forEach(MicroInstance::launch);
        masters.forEach(MicroInstance::awaitReady);
    }

    /** A session whose client keeps its relay open, and talks through it. */
    private record Live(String id, RelayClient relay, StringBuilder said) implements AutoCloseable {

        /** Sends a line and waits for {@code cat} to send it back. */
        void echo(String line) {
            said.append(line).append(' ').append(id).append('\n');
            relay.send(line + " " + id + "\n");
            String expected = said.toString();
            Eventually.await("the program of session " + id + " answers through its relay", PATIENCE,
                    () -> relay.text().equals(expected));
        }

        /** Ends the program's input; {@code cat} ends, and so does the relay. */
        void finish() {
            relay.finish();
            relay.awaitClosed(PATIENCE);
        }

        @Override
        public void close() {
            relay.close();
        }
    }

    /** Opens the live sessions, relayed, a few at a time, through both slaves. */
    private static List<Live> openLive(List<Api> slaves) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Live>> opening = new ArrayList<>();
            for (int i = 0; i < LIVE_SESSIONS; i++) {
                Api slave = slaves.get(i % slaves.size());
                String client = "live-" + i;
                opening.add(clients.submit(() -> {
                    SteadyLoad.Placed placed = SteadyLoad.place(slave, "cat", client, NEAR);
                    assertThat(placed.reply().status()).as(client + ": " + placed.reply().body()).isEqualTo(201);
                    JsonObject session = placed.reply().object();
                    Live live = new Live(session.getString("id"), RelayClient.connect(session.getString("relay")),
                            new StringBuilder());
                    live.echo("before the hand-over");
                    return live;
                }));
            }
            List<Live> live = new ArrayList<>();
            for (Future<Live> session : opening) {
                live.add(session.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            return live;
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Prints how long sessions were not placed: from the kill to the first placement of a request sent after it, the
     * longest pause between two placements, and what clients heard meanwhile.
     */
    private static void reportHandOver(List<SteadyLoad.Outcome> outcomes, long killed, Duration nextDecides) {
        long firstAfter = outcomes.stream().filter(outcome -> outcome.sentNanos() > killed)
                .filter(SteadyLoad.Outcome::placed).mapToLong(SteadyLoad.Outcome::answeredNanos).min().orElseThrow();
        Duration handOver = Duration.ofNanos(firstAfter - killed);
        long[] answers = outcomes.stream().filter(SteadyLoad.Outcome::placed)
                .mapToLong(SteadyLoad.Outcome::answeredNanos).sorted().toArray();
        long longestPause = 0;
        for (int i = 1; i < answers.length; i++) {
            longestPause = Math.max(longestPause, answers[i] - answers[i - 1]);
        }
        long[] before = outcomes.stream().filter(outcome -> outcome.answeredNanos() < killed)
                .filter(SteadyLoad.Outcome::placed)
                .mapToLong(outcome -> outcome.answeredNanos() - outcome.sentNanos()).sorted().toArray();
        Map<Integer, Long> heard = outcomes.stream()
                .collect(Collectors.groupingBy(SteadyLoad.Outcome::status, TreeMap::new, Collectors.counting()));
        System.out.printf("MasterGroupIT: %d new sessions a second (placed in %d ms at the median, %d ms at p95 before "
                        + "the kill), %d live relayed; the decider killed: sessions asked for after the kill placed "
                        + "again %d ms after it (the next master decides from %d ms); longest pause between two "
                        + "placements %d ms; answers by status %s%n", NEW_PER_SECOND, millis(before, 0.5),
                millis(before, 0.95), LIVE_SESSIONS, handOver.toMillis(), nextDecides.toMillis(),
                Duration.ofNanos(longestPause).toMillis(), heard);
        assertThat(handOver).as("from the kill to the next placement").isLessThan(HAND_OVER_BOUND);
    }

    private static long millis(long[] sortedNanos, double quantile) {
        return sortedNanos.length == 0 ? -1
                : Duration.ofNanos(sortedNanos[(int) Math.ceil(quantile * sortedNanos.length) - 1]).toMillis();
    }

    private static Instant decidingSince(JsonObject group) {
        return group.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .filter(member -> member.getBoolean("deciding")).findFirst()
                .map(member -> Instant.parse(member.getString("decidingSince"))).orElseThrow();
    }

    private static MicroInstance agent(String name, String masterUrls, String location) {
        return LocalFleet.agentInstance(name, masterUrls, SECRET, location, 2 * LIVE_SESSIONS)
                .with("switchboard.agent.connect-timeout-ms", CONNECT_TIMEOUT_MILLIS);
    }

    /** A master configured for the group of {@value #GROUP_SIZE}; without the data grid unless given one. */
    private static MicroInstance master(int index, PostgresCluster database) {
        MicroInstance master = new MicroInstance("group-master-" + index, MicroInstance.deployment("switchboard.war"),
                "/", "/api/v1/applications")
                .with("switchboard.secret", SECRET)
                .with("switchboard.db.url", database.jdbcUrl())
                .with("switchboard.db.user", PostgresCluster.USER)
                .environment("SWITCHBOARD_DB_PASSWORD", database.password())
                .with("switchboard.master.group-size", GROUP_SIZE)
                .with("switchboard.master.report-timeout-ms", LocalFleet.REPORT_TIMEOUT_MILLIS)
                .with("switchboard.slave.name", "master-" + index + "-slave")
                .with("switchboard.slave.report-interval-ms", LocalFleet.REPORT_INTERVAL_MILLIS);
        return master.with("switchboard.slave.url", master.url());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static MicroInstance slave(String name, String masterUrls, String location) {
        MicroInstance slave = new MicroInstance(name, MicroInstance.deployment("slave.war"), "/",
                "/api/v1/applications");
        return slave.with("switchboard.slave.url", slave.url())
                .with("switchboard.slave.report-interval-ms", LocalFleet.REPORT_INTERVAL_MILLIS)
                .with("switchboard.secret", SECRET)
                .with("switchboard.master.url", masterUrls)
                .with("switchboard.slave.name", name)
                .with("switchboard.slave.location", location);
    }

    /**
     * Waits until every one of {@code masters} sees all of them as the group and {@code decider} as its one deciding
     * member; returns the decider's view.
     */
    private static JsonObject awaitGroup(List<MicroInstance> masters, MicroInstance decider) {
        for (MicroInstance master : masters) {
            Eventually.await(master.url() + " sees " + masters.size() + " members and " + decider.url()
                    + " deciding", PATIENCE, () -> new Api(master.url()).get("/api/v1/master/admin/group"), reply -> {
                        if (reply.status() != 200) {
                            return false;
                        }
                        JsonObject group = reply.object();
                        List<JsonObject> members = group.getJsonArray("members").getValuesAs(JsonObject.class);
                        return members.size() == masters.size()
                                && decider.url().equals(group.getString("decider", null))
                                && members.stream().filter(member -> member.getBoolean("deciding")).count() == 1
                                && group.getBoolean("deciding") == (master == decider);
                    });
        }
        return new Api(decider.url()).get("/api/v1/master/admin/group").object();
    }

    private static void awaitServers(MicroInstance master, Map<String, String> states) {
        Eventually.await(master.url() + " lists the servers as " + states, PATIENCE,
                () -> new Api(master.url()).get("/api/v1/master/admin/servers"), reply -> {
                    if (reply.status() != 200) {
                        return false;
                    }
                    Map<String, String> listed = new HashMap<>();
                    reply.array().getValuesAs(JsonObject.class)
                            .forEach(server -> listed.put(server.getString("name"), server.getString("state")));
                    return listed.equals(states);
                });
    }

    /** Every session row: id to client. */
    private static Map<String, String> sessions(Connection sql) throws SQLException {
        return PostgresCluster.pairs(sql, "SELECT id, client_id FROM program_session");
    }

    /** The ids of the sessions the database holds as running. */
    private static Set<String> running(Connection sql) throws SQLException {
        return new TreeSet<>(PostgresCluster.column(sql, "SELECT id FROM program_session WHERE state = 'RUNNING'"));
    }

    /** The sessions of the programs the agents run now, as they list them. */
    private static Set<String> programs(List<MicroInstance> agents) {
        Set<String> programs = new TreeSet<>();
        for (MicroInstance agent : agents) {
            Api.Reply reply = new Api(agent.url()).operator("GET", "/api/programs", SECRET);
            assertThat(reply.status()).as(agent.url() + " lists its programs: " + reply.body()).isEqualTo(200);
            reply.array().getValuesAs(JsonObject.class).forEach(program -> programs.add(program.getString("session")));
        }
        return programs;
    }

    /** The request history's placements: session id to client. */
    private static Map<String, String> placements(Connection sql) throws SQLException {
        return PostgresCluster.pairs(sql, "SELECT session_id, client_id FROM client_request WHERE outcome = 'PLACED'");
    }

    /** The clients the request history shows redirected. */
    private static Set<String> redirectedClients(Connection sql) throws SQLException {
        return new HashSet<>(PostgresCluster.column(sql,
                "SELECT client_id FROM client_request WHERE outcome = 'REDIRECTED'"));
    }

    /** The test's instances, all stopped at the end whatever happened (closed in reverse order). */
    private static final class Instances implements AutoCloseable {

        private final List<MicroInstance> all = new ArrayList<>();

        MicroInstance add(MicroInstance instance) {
            all.add(instance);
            return instance;
        }

        /**
         * The requests any instance answered with {@code 500}, as its log tells them ({@code ErrorAnswers} logs an
         * unexpected failure and its exception): a kill, a hand-over or a restart must not make any.
         */
        List<String> unexpectedFailures() throws IOException {
            List<String> failures = new ArrayList<>();
            for (MicroInstance instance : all) {
                List<Path> logs;
                try (Stream<Path> files = Files.list(instance.log().getParent())) {
                    logs = files.filter(file -> file.getFileName().toString().matches("server(-\\d+)?\\.log")).toList();
                }
                for (Path log : logs) {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                    for (int i = 0; i + 1 < lines.size(); i++) {
                        if (lines.get(i).contains("unexpected failure")) {
                            failures.add(log + ": " + lines.get(i + 1));
                        }
                    }
                }
            }
            return failures;
        }

        @Override
        public void close() {
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).close();
            }
        }
    }
}
