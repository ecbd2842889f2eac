package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The master on PostgreSQL, in both packagings. The balancer (lb-micro on Payara Micro), configured with a JDBC URL,
 * user and password (the password from the environment) for a throw-away PostgreSQL cluster, and an agent: a
 * session's request and the session itself are rows in PostgreSQL; the master is restarted on the same database,
 * finds its schema there (nothing to create, nothing failing) and its history intact, and goes on adding to it. The
 * EAR on Payara Server, configured the same way, writes its history there too.
 */
class PostgresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String LOCATION = "eu/de/fra";

    @Test
    void theMastersHistoryAndSessionsLiveInPostgresqlAndSurviveARestart() throws SQLException {
        try (PostgresCluster database = PostgresCluster.start("master");
             LocalFleet fleet = new LocalFleet("pg").agent("pg-agent", LOCATION, 4)
                     .master("switchboard.db.url", database.jdbcUrl())
                     .master("switchboard.db.user", PostgresCluster.USER)) {
            MicroInstance master = fleet.balancer().environment("SWITCHBOARD_DB_PASSWORD", database.password());
            fleet.start();
            Api api = fleet.api();
            awaitAgentUp(api);

            JsonObject first = api.open("cat", "pg-client", LOCATION);
            String firstId = first.getString("id");
            Row placed;
            try (Connection sql = database.connect()) {
                placed = request(sql, firstId);
                assertThat(placed.outcome()).isEqualTo("PLACED");
                assertThat(placed.server()).isEqualTo("pg-agent");
                assertThat(placed.client()).isEqualTo("pg-client");
                assertThat(sessionState(sql, firstId)).isEqualTo("RUNNING");
                Api.Reply ended = api.end(first);
                assertThat(ended.status()).as(ended.body()).isEqualTo(200);
                assertThat(sessionState(sql, firstId)).as("the end is written through").isEqualTo("ENDED");
            }
            String firstLog = read(master.log());
            assertThat(firstLog).contains("database: " + database.jdbcUrl() + " as " + PostgresCluster.USER)
                    .doesNotContain(database.password());

            master.terminate();
            master.start();
            String secondLog = read(master.log());
            assertThat(secondLog).as("the second start, on the schema of the first (log: %s)", master.log())
                    .contains("database: " + database.jdbcUrl())
                    .doesNotContain("Exception [EclipseLink").doesNotContain("PSQLException")
                    .doesNotContain(database.password());

            Api.Reply history = api.get("/api/v1/master/admin/history?limit=10");
            assertThat(history.status()).as(history.body()).isEqualTo(200);
            JsonObject remembered = history.array()
                    .getValuesAs(JsonObject.class).stream()
                    .filter(entry -> firstId.equals(entry.getString("sessionId", null))).findFirst()
                    .orElseThrow(() -> new AssertionError("the restarted master lost the history of " + firstId));
            assertThat(remembered.getJsonNumber("id").longValue()).isEqualTo(placed.id());
            assertThat(remembered.getString("outcome")).isEqualTo("placed");

            awaitAgentUp(api);
            JsonObject second = api.open("cat", "pg-client", LOCATION);
            try (Connection sql = database.connect()) {
                Row next = request(sql, second.getString("id"));
                assertThat(next.id()).as("the history goes on after the restart").isGreaterThan(placed.id());
                assertThat(outcomes(sql)).containsExactly("PLACED", "PLACED");
                assertThat(sessionState(sql, firstId)).isEqualTo("ENDED");
            }
            assertThat(api.end(second).status()).isEqualTo(200);

            // an agent registers with every member of a master group at once, so a new server's first registration
            // races with itself: every one is taken (the first inserts the server's row, the others update it)
            assertThat(concurrentRegistrations(api, 3, 8)).as("answers to racing registrations").containsOnly(204);
        }
    }

    /** Registers {@code servers} new servers, each {@code times} at once; answers the statuses. */
    private static List<Integer> concurrentRegistrations(Api api, int servers, int times) {
        ExecutorService callers = Executors.newFixedThreadPool(times);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int server = 0; server < servers; server++) {
                String registration = "{\"server\":\"pg-racing-" + server + "\","
                        + "\"agentUrl\":\"http://127.0.0.1:1/agent\",\"location\":\"" + LOCATION + "\","
                        + "\"capacity\":1,\"applications\":[\"none\"]}";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int call = 0; call < times; call++) {
                    answers.add(callers.submit(() -> {
                        start.await();
                        return api.post("/api/v1/master/servers", registration, LocalFleet.SECRET).status();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
                }
            }
            return statuses;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("a registration was not answered", e);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theEarOnPayaraServerKeepsItsHistoryInPostgresql() throws SQLException {
        String secret = "system-test-secret-" + UUID.randomUUID();
        try (PostgresCluster database = PostgresCluster.start("ear")) {
            // a JVM option of the domain here; an operator would rather give the password in the environment
            PayaraServer server = new PayaraServer("ear-pg")
                    .with("switchboard.secret", secret)
                    .with("switchboard.db.url", database.jdbcUrl())
                    .with("switchboard.db.user", PostgresCluster.USER)
                    .with("switchboard.db.password", database.password())
                    .with("switchboard.master.report-timeout-ms", LocalFleet.REPORT_TIMEOUT_MILLIS)
                    .with("switchboard.slave.name", "ear-pg-slave");
            MicroInstance agent = LocalFleet.agentInstance("pg-agent", server.url(), secret, LOCATION, 2);
            try (server; agent) {
                agent.launch();
                server.start().deploy(MicroInstance.deployment("switchboard.ear"), "switchboard",
                        "/api/v1/applications");
                agent.awaitReady();
                Api api = new Api(server.url());
                awaitAgentUp(api);

                JsonObject session = api.open("cat", "ear-client", LOCATION);
                try (Connection sql = database.connect()) {
                    Row placed = request(sql, session.getString("id"));
                    assertThat(placed.outcome()).isEqualTo("PLACED");
                    assertThat(placed.client()).isEqualTo("ear-client");
                    assertThat(sessionState(sql, session.getString("id"))).isEqualTo("RUNNING");
                    assertThat(api.end(session).status()).isEqualTo(200);
                    assertThat(sessionState(sql, session.getString("id"))).isEqualTo("ENDED");
                }
                // a fresh database: EclipseLink's one warning about the sequence it then creates is expected here
                assertThat(read(server.log())).contains("database: " + database.jdbcUrl());
            }
        }
    }

    /** Waits until the master lists the agent as up; a master still starting may answer with an error page first. */
    private static void awaitAgentUp(Api api) {
        Eventually.await("the agent is registered and up", PATIENCE, () -> api.get("/api/v1/master/admin/servers"),
                reply -> reply.status() == 200 && reply.array().getValuesAs(JsonObject.class).stream()
                        .anyMatch(server -> server.getString("name").equals("pg-agent")
                                && server.getString("state").equals("up")));
    }

    private record Row(long id, String outcome, String server, String client) {
    }

    private static Row request(Connection sql, String sessionId) throws SQLException {
        try (PreparedStatement query = sql.prepareStatement(
                "SELECT id, outcome, server_name, client_id FROM client_request WHERE session_id = ?")) {
            query.setString(1, sessionId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a history row for session %s", sessionId).isTrue();
                Row row = new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4));
                assertThat(rows.next()).as("one history row for session %s", sessionId).isFalse();
                return row;
            }
        }
    }

    private static String sessionState(Connection sql, String sessionId) throws SQLException {
        try (PreparedStatement query = sql.prepareStatement("SELECT state FROM program_session WHERE id = ?")) {
            query.setString(1, sessionId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a session row for %s", sessionId).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static List<String> outcomes(Connection sql) throws SQLException {
        return PostgresCluster.column(sql, "SELECT outcome FROM client_request ORDER BY id");
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
