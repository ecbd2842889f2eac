package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The single-balancer embodiment end to end (patent Fig. 3-6, 11): a balancer and two agents in different locations
 * as separate Payara Micro processes, real programs from the default catalog, the public API and the relay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleBalancerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String FRANKFURT = "eu/de/fra";
    private static final String NEW_YORK = "us/ny/nyc";
    private static final int CAPACITY = 3;

    private LocalFleet fleet;
    private Api api;
    private final List<JsonObject> opened = new ArrayList<>();

    @BeforeAll
    void startFleet() {
        fleet = new LocalFleet("single").agent("fra", FRANKFURT, CAPACITY).agent("nyc", NEW_YORK, CAPACITY).start();
        api = fleet.api();
        Eventually.await("both agents are registered and up", PATIENCE,
                () -> api.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class).stream()
                        .filter(server -> server.getString("state").equals("up")).count() == 2);
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @BeforeEach
    void fleetIsIdle() {
        Eventually.await("every server reports no load", PATIENCE,
                () -> api.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class).stream()
                        .allMatch(server -> server.getInt("load") == 0));
    }

    @AfterEach
    void endSessions() {
        opened.forEach(api::end);
        opened.clear();
    }

    private JsonObject open(String app, String client, String location) {
        JsonObject session = api.open(app, client, location);
        opened.add(session);
        return session;
    }

    @Test
    void launchesBeforeTheLinkAndRelaysAStdioProgram() {
        JsonObject session = open("cat", "alice", FRANKFURT);

        long pid = session.getJsonNumber("pid").longValue();
        assertThat(ProcessHandle.of(pid)).as("the program runs before the client links").hasValueSatisfying(
                process -> assertThat(process.isAlive()).isTrue());
        assertThat(session.getJsonObject("server").getString("name")).isEqualTo("fra");
        assertThat(session.getString("relay")).startsWith("ws://127.0.0.1:").contains("token=");
        assertThat(session.getJsonObject("decision").getJsonArray("candidates")).hasSize(2);

        try (RelayClient relay = RelayClient.connect(session.getString("relay"))) {
            relay.send("hello through the relay\n");
            Eventually.await("the program's answer arrives", PATIENCE,
                    () -> relay.text().equals("hello through the relay\n"));
        }

        JsonObject ended = api.end(session).object();
        assertThat(ended.getString("state")).isEqualTo("ended");
        Eventually.await("the program has ended", PATIENCE, () -> ProcessHandle.of(pid).isEmpty()
                || !ProcessHandle.of(pid).get().isAlive());
    }

    @Test
    void relaysATcpProgramByteForByteAndClosesAfterFlushing() {
        JsonObject session = open("echo", "bob", NEW_YORK);
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(payload);

        try (RelayClient relay = RelayClient.connect(session.getString("relay"))) {
            relay.send(payload, 256 * 1024);
            Eventually.await("all bytes came back", PATIENCE, () -> relay.received().length >= payload.length);
            assertThat(relay.received()).isEqualTo(payload);
            relay.finish();
            assertThat(relay.awaitClosed(PATIENCE)).isEqualTo(1000);
        }
    }

    @Test
    void whenTheProgramEndsEveryByteItWroteReachesTheClientBeforeTheClose() {
        JsonObject session = open("bash", "closer", null);
        int lines = 300_000;

        try (RelayClient relay = RelayClient.connect(session.getString("relay"))) {
            relay.send("seq 1 " + lines + "; exit\n");
            assertThat(relay.awaitClosed(PATIENCE)).as("the relay closes normally once bash exits").isEqualTo(1000);
            String output = relay.text();
            assertThat(output.lines().filter(line -> line.matches("\\d+")).count()).isEqualTo(lines);
            assertThat(output).contains("\n" + (lines - 1) + "\n" + lines + "\n");
        }
    }

    @Test
    void aDirectLinkReachesTheProgramAtItsEndpoint() throws Exception {
        JsonObject session = api.post("/api/v1/sessions",
                "{\"app\":\"echo\",\"clientId\":\"carol\",\"link\":\"direct\"}").object();
        opened.add(session);
        JsonObject endpoint = session.getJsonObject("endpoint");

        assertThat(session.getString("link")).isEqualTo("direct");
        try (Socket socket = new Socket(endpoint.getString("host"), endpoint.getInt("port"))) {
            OutputStream out = socket.getOutputStream();
            out.write("ping\n".getBytes());
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readAllBytes())).isEqualTo("ping\n");
        }
    }

    @Test
    void groupsAClientsRequestsOnTheServerAlreadyServingIt() {
        String first = open("cat", "dave", null).getJsonObject("server").getString("name");
        String second = open("cat", "dave", null).getJsonObject("server").getString("name");
        String otherClient = open("cat", "erin", null).getJsonObject("server").getString("name");

        assertThat(second).as("same client, same server").isEqualTo(first);
        assertThat(otherClient).as("another client goes to the less loaded server").isNotEqualTo(first);
    }

    @Test
    void aRequestGoesToTheOtherServerWhileTheNearOneIsLoaded() {
        for (int i = 0; i < CAPACITY; i++) {
            assertThat(open("cat", "frankfurter-" + i, FRANKFURT).getJsonObject("server").getString("name"))
                    .isEqualTo("fra");
        }

        JsonObject spilled = open("cat", "frankfurter-late", FRANKFURT);

        assertThat(spilled.getJsonObject("server").getString("name")).isEqualTo("nyc");
        assertThat(spilled.getJsonObject("decision").getJsonArray("candidates").getValuesAs(JsonObject.class))
                .anySatisfy(candidate -> assertThat(candidate.getString("excluded", "")).startsWith("full"));
    }

    @Test
    void operatorsDrainAServerWithTheSecretAndSelectionLeavesIt() {
        String drain = "/api/v1/master/admin/servers/fra/drain";
        assertError(api.operator("PUT", drain, null), 401, "unauthorized");
        assertError(api.operator("PUT", "/api/v1/master/admin/servers/nowhere/drain", LocalFleet.SECRET), 404,
                "unknown-server");

        assertThat(api.operator("PUT", drain, LocalFleet.SECRET).status()).isEqualTo(204);
        try {
            JsonObject placed = open("cat", "drain-watcher", FRANKFURT);
            assertThat(placed.getJsonObject("server").getString("name")).isEqualTo("nyc");
            assertThat(placed.getJsonObject("decision").getJsonArray("candidates").getValuesAs(JsonObject.class))
                    .anySatisfy(candidate -> assertThat(candidate.getString("excluded", "")).startsWith("drained"));
        } finally {
            assertThat(api.operator("DELETE", drain, LocalFleet.SECRET).status()).isEqualTo(204);
        }
        assertThat(open("cat", "after-drain", FRANKFURT).getJsonObject("server").getString("name")).isEqualTo("fra");
    }

    @Test
    void badInputGetsAClearClientError() {
        assertError(api.post("/api/v1/sessions", "{\"app\":\"no-such-app\",\"clientId\":\"x\"}"), 400,
                "unknown-application");
        assertError(api.post("/api/v1/sessions", "{\"app\":"), 400, "malformed-request");
        assertError(api.post("/api/v1/sessions", ""), 400, "malformed-request");
        assertError(api.post("/api/v1/sessions", "{\"app\":\"cat\",\"clientId\":\"$(id)\"}"), 400,
                "invalid-request");
        assertError(api.post("/api/v1/sessions", "{\"app\":\"cat\",\"clientId\":\"x\",\"location\":\"eu//de\"}"),
                400, "invalid-request");
        assertError(api.get("/api/v1/sessions/no-such-session"), 404, "unknown-session");
        assertError(api.delete("/api/v1/sessions/no-such-session"), 404, "unknown-session");
        assertError(api.post("/api/v1/master/servers", "{}"), 401, "unauthorized");
        String exits = "/api/v1/master/servers/fra/exits";
        assertError(api.post(exits, "[]", LocalFleet.SECRET), 400, "invalid-request");
        assertError(api.post(exits, "[{\"exitCode\":0}]", LocalFleet.SECRET), 400, "invalid-request");
        assertError(api.post(exits, "[{\"session\":", LocalFleet.SECRET), 400, "malformed-request");
        assertError(api.post(exits, "[" + "{\"session\":\"s\"},".repeat(1000) + "{\"session\":\"s\"}]",
                LocalFleet.SECRET), 400, "invalid-request");
        assertThat(api.post(exits, "[{\"session\":\"no-such-session\",\"exitCode\":0}]", LocalFleet.SECRET)
                .status()).as("an exit that overtook its session's record is kept for it").isEqualTo(204);
    }

    @Test
    void theRelayNeedsTheSessionsToken() {
        JsonObject session = open("cat", "mallory", null);
        String relay = session.getString("relay");
        String withoutToken = relay.substring(0, relay.indexOf('?'));
        String http = withoutToken.replaceFirst("^ws", "http");

        assertError(api.get(http), 403, "access-refused");
        assertError(api.get(http + "?token=guessed"), 403, "access-refused");
        assertError(api.get(http.replace(session.getString("id"), "no-such-session") + "?token=x"), 404,
                "unknown-session");
        assertThatThrownBy(() -> RelayClient.connect(withoutToken + "?token=guessed")).isInstanceOf(AssertionError.class);

        api.end(session);
        assertError(api.get(http + relay.substring(relay.indexOf('?'))), 403, "access-refused");
    }

    @Test
    void onlyTheSessionsOwnerOrAnOperatorSeesOrEndsIt() {
        JsonObject session = open("cat", "owner", null);
        String path = "/api/v1/sessions/" + session.getString("id");

        assertError(api.get(path), 403, "access-refused");
        assertError(api.delete(path), 403, "access-refused");
        assertError(api.delete(path + "?token=guessed"), 403, "access-refused");
        JsonObject shown = api.get(path + "?token=" + Api.token(session)).object();
        assertThat(shown.getString("state")).isEqualTo("running");
        assertThat(shown.getString("kind")).as("how to show the program, in every answer about it").isEqualTo("stdio");

        assertError(api.operator("DELETE", "/api/v1/master/admin/sessions/" + session.getString("id"), null), 401,
                "unauthorized");
        Api.Reply ended = api.operator("DELETE", "/api/v1/master/admin/sessions/" + session.getString("id"),
                LocalFleet.SECRET);
        assertThat(ended.object().getString("endReason")).isEqualTo("ended by an operator");
    }

    @Test
    void operatorsSeeServersSessionsAndHistory() {
        JsonObject session = open("cat", "oscar", NEW_YORK);

        assertThat(api.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class))
                .extracting(server -> server.getString("name"), server -> server.getString("location"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("fra", FRANKFURT),
                        org.assertj.core.groups.Tuple.tuple("nyc", NEW_YORK));
        assertThat(api.get("/api/v1/master/admin/sessions").array().getValuesAs(JsonObject.class))
                .anySatisfy(listed -> assertThat(listed.getString("id")).isEqualTo(session.getString("id")));
        JsonObject request = api.get("/api/v1/master/admin/history?limit=1").array().getJsonObject(0);
        assertThat(request.getString("sessionId")).isEqualTo(session.getString("id"));
        assertThat(request.getString("outcome")).isEqualTo("placed");
        assertThat(request.getString("reasons")).contains("nyc", "fra");
        assertError(api.get("/api/v1/master/admin/history?limit=0"), 400, "invalid-request");
    }

    private static void assertError(Api.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.object().getString("error")).isEqualTo(error);
        assertThat(reply.object().get("reason")).isNotEqualTo(JsonValue.NULL);
    }
}
