package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A master group on PostgreSQL: three masters (lb-micro on Payara Micro, members of one data grid on loopback), a
 * slave and two agents on instances of their own, all knowing the three masters' URLs. The group has one decider, the
 * oldest member. One agent is killed and every master takes it out of selection; sessions are opened and relayed;
 * then the deciding master's JVM is killed (SIGKILL). A surviving master decides within two seconds, the relays
 * still carry bytes, the database holds exactly the sessions clients were told of, and no session is placed on the
 * dead agent's server, although it is the nearest to the clients that ask after the hand-over.
 */
class MasterGroupIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /**
     * A hand-over that did not happen, or waited for something it must not (a timeout of the data grid's heartbeat, a
     * slave's give-up): far above the 2 s target, which is measured and reported (docs/measurements.md), not asserted —
     * six JVMs on two cores take longer whenever the machine is busy.
     */
    private static final Duration HAND_OVER_BOUND = Duration.ofSeconds(8);
    private static final int GROUP_SIZE = 3;
    /**
     * A member silent for this long is gone. A killed member is noticed sooner, by its refused connections; this is for
     * members that hang, and must outlast the stalls of six JVMs starting at once on two cores (2.4 s was seen).
     */
    private static final int MAX_SILENCE_SECONDS = 5;
    private static final String NEAR = "eu/de";
    private static final String FAR = "us/ny";
    private static final String SECRET = LocalFleet.SECRET;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSurvivingMasterDecidesWithinTwoSecondsOfTheDecidersDeathAndNothingIsPlacedTwiceOrOnADeadServer()
            throws SQLException {
        String cluster = "switchboard-group-" + UUID.randomUUID();
        List<Integer> gridPorts = IntStream.range(0, GROUP_SIZE).mapToObj(i -> Ports.free()).toList();
        try (PostgresCluster database = PostgresCluster.start("group");
             Instances instances = new Instances()) {
            List<MicroInstance> masters = new ArrayList<>();
            for (int i = 0; i < GROUP_SIZE; i++) {
                masters.add(instances.add(master(i, database, cluster, gridPorts)));
            }
            String masterUrls = masters.stream().map(MicroInstance::url).collect(Collectors.joining(","));
            MicroInstance near = instances.add(LocalFleet.agentInstance("near", masterUrls, SECRET, NEAR, 20));
            MicroInstance far = instances.add(LocalFleet.agentInstance("far", masterUrls, SECRET, FAR, 20));
            MicroInstance edge = instances.add(slave("edge", masterUrls));

            // the first master's data grid first, so that it is the oldest member: the group's decider
            masters.get(0).launch();
            Eventually.await("the first master's data grid listens on 127.0.0.1:" + gridPorts.get(0), PATIENCE,
                    () -> accepts(gridPorts.get(0)));
            List<MicroInstance> rest = List.of(masters.get(1), masters.get(2), near, far, edge);
            rest.forEach(MicroInstance::launch);
            masters.get(0).awaitReady();
            rest.forEach(MicroInstance::awaitReady);

            JsonObject group = awaitGroup(masters, masters.get(0));
            assertThat(group.getJsonArray("members")).hasSize(GROUP_SIZE);
            // the next oldest member decides once the decider is gone
            String nextUrl = group.getJsonArray("members").getJsonObject(1).getString("url");
            MicroInstance next = masters.stream().filter(master -> master.url().equals(nextUrl)).findFirst()
                    .orElseThrow(() -> new AssertionError("no master at " + nextUrl + " in " + group));
            for (MicroInstance master : masters) {
                awaitServers(master, Map.of("near", "up", "far", "up"));
            }

            far.kill();
            for (MicroInstance master : masters) {
                awaitServers(master, Map.of("near", "up", "far", "down"));
            }

            Api slave = new Api(edge.url());
            Map<String, JsonObject> answered = new LinkedHashMap<>();
            List<RelayClient> relays = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    JsonObject session = slave.open("cat", "before-" + i, NEAR);
                    answered.put(session.getString("id"), session);
                    RelayClient relay = RelayClient.connect(session.getString("relay"));
                    relays.add(relay);
                    String line = "before the hand-over " + i + "\n";
                    relay.send(line);
                    Eventually.await("the program of session " + i + " answers through the relay", PATIENCE,
                            () -> relay.text().equals(line));
                }

                MicroInstance decider = masters.get(0);
                Instant killedAt = Instant.now();
                long killed = System.nanoTime();
                decider.kill();
                List<Integer> refusals = new ArrayList<>();
                Api.Reply placed = Eventually.await("a surviving master places a session", PATIENCE, () -> {
                    Api.Reply reply = slave.post("/api/v1/sessions", Json.createObjectBuilder().add("app", "cat")
                            .add("clientId", "probe-" + refusals.size()).add("location", FAR).build().toString());
                    if (reply.status() != 201) {
                        refusals.add(reply.status());
                    }
                    return reply;
                }, reply -> reply.status() == 201);
                Duration handOver = Duration.ofNanos(System.nanoTime() - killed);
                JsonObject probe = placed.object();
                answered.put(probe.getString("id"), probe);

                JsonObject newGroup = awaitGroup(List.of(masters.get(1), masters.get(2)), next);
                Instant decidingSince = newGroup.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                        .filter(member -> member.getBoolean("deciding")).findFirst()
                        .map(member -> Instant.parse(member.getString("decidingSince"))).orElseThrow();
                System.out.printf("MasterGroupIT: new sessions placed again %d ms after the decider was killed "
                                + "(the next master decides from %d ms after the kill; %d requests refused meanwhile: "
                                + "%s)%n", handOver.toMillis(), Duration.between(killedAt, decidingSince).toMillis(),
                        refusals.size(), refusals);
                assertThat(handOver).as("from the kill to the next placement").isLessThan(HAND_OVER_BOUND);
                assertThat(refusals).as("what clients heard meanwhile: the group's 503").allMatch(status -> status == 503);

                for (int i = 0; i < relays.size(); i++) {
                    RelayClient relay = relays.get(i);
                    String before = "before the hand-over " + i + "\n";
                    String line = "after the hand-over " + i + "\n";
                    relay.send(line);
                    Eventually.await("the program of session " + i + " still answers through the relay", PATIENCE,
                            () -> relay.text().equals(before + line));
                }
                for (int i = 0; i < 3; i++) {
                    JsonObject session = slave.open("cat", "after-" + i, FAR);
                    answered.put(session.getString("id"), session);
                }
            } finally {
                relays.forEach(RelayClient::close);
            }

            assertThat(answered.values()).as("no session on the server that was reported dead, the nearest to "
                            + FAR + " clients")
                    .allSatisfy(session -> assertThat(session.getJsonObject("server").getString("name"))
                            .isEqualTo("near"));
            try (Connection sql = database.connect()) {
                Map<String, String> sessions = sessions(sql);
                assertThat(sessions.keySet()).as("the database holds exactly the sessions clients were told of")
                        .containsExactlyInAnyOrderElementsOf(answered.keySet());
                Map<String, Long> perClient = sessions.values().stream()
                        .collect(Collectors.groupingBy(client -> client, Collectors.counting()));
                assertThat(perClient).as("no client's request placed twice").allSatisfy(
                        (client, count) -> assertThat(count).isEqualTo(1L));
            }
        }
    }

    private static MicroInstance master(int index, PostgresCluster database, String cluster, List<Integer> gridPorts) {
        MicroInstance master = new MicroInstance("group-master-" + index, MicroInstance.deployment("switchboard.war"),
                "/", "/api/v1/applications")
                .with("switchboard.secret", SECRET)
                .with("switchboard.db.url", database.jdbcUrl())
                .with("switchboard.db.user", PostgresCluster.USER)
                .environment("SWITCHBOARD_DB_PASSWORD", database.password())
                .with("switchboard.master.group-size", GROUP_SIZE)
                .with("switchboard.master.report-timeout-ms", LocalFleet.REPORT_TIMEOUT_MILLIS)
                .with("switchboard.slave.name", "master-" + index + "-slave")
                .with("switchboard.slave.report-interval-ms", LocalFleet.REPORT_INTERVAL_MILLIS)
                .dataGrid(cluster, gridPorts.get(index), gridPorts, MAX_SILENCE_SECONDS);
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

    private static MicroInstance slave(String name, String masterUrls) {
        MicroInstance slave = new MicroInstance(name, MicroInstance.deployment("slave.war"), "/",
                "/api/v1/applications");
        return slave.with("switchboard.slave.url", slave.url())
                .with("switchboard.slave.report-interval-ms", LocalFleet.REPORT_INTERVAL_MILLIS)
                .with("switchboard.secret", SECRET)
                .with("switchboard.master.url", masterUrls)
                .with("switchboard.slave.name", name)
                .with("switchboard.slave.location", NEAR);
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
        Map<String, String> sessions = new HashMap<>();
        try (PreparedStatement query = sql.prepareStatement("SELECT id, client_id FROM program_session");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                sessions.put(rows.getString(1), rows.getString(2));
            }
        }
        return sessions;
    }

    /** The test's instances, all stopped at the end whatever happened (closed in reverse order). */
    private static final class Instances implements AutoCloseable {

        private final List<MicroInstance> all = new ArrayList<>();

        MicroInstance add(MicroInstance instance) {
            all.add(instance);
            return instance;
        }

        @Override
        public void close() {
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).close();
            }
        }
    }
}
