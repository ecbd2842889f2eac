package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Agents that die or stop: selection stops choosing them, their programs do not outlive them, and the sessions of an
 * agent that does not come back end at the master ({@code server-lost}).
 */
class AgentFailureIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Short, so that the killed agent's server is lost soon after it leaves selection. */
    private static final int SERVER_LOST_SECONDS = 6;

    @Test
    void aFleetLosingItsAgentsStaysHonest() {
        try (LocalFleet fleet = new LocalFleet("failure").agent("near", "eu/de", 5).agent("far", "us/ny", 5)
                .master("switchboard.master.server-lost-seconds", SERVER_LOST_SECONDS).start()) {
            Api api = fleet.api();
            Eventually.await("both agents are up", PATIENCE, () -> states(api).equals(List.of("up", "up")));
            // a tcp program: it runs on without its agent (a stdio program reads the end of its input then)
            JsonObject first = api.open("echo", "client-1", "eu/de");
            assertThat(server(first)).isEqualTo("near");
            long firstPid = first.getJsonNumber("pid").longValue();

            fleet.agent("near").kill();
            long killed = System.nanoTime();

            Eventually.await("the killed agent is out of selection", PATIENCE,
                    () -> states(api).equals(List.of("down", "up")));
            // tcp again: only the agent's stop ends it (a stdio program would end with its agent's pipes)
            JsonObject placed = api.open("echo", "client-2", "eu/de");
            assertThat(server(placed)).isEqualTo("far");
            assertThat(placed.getJsonObject("decision").getJsonArray("candidates").getValuesAs(JsonObject.class))
                    .anySatisfy(candidate -> assertThat(candidate.getString("excluded", "")).startsWith("down"));

            JsonObject lost = Eventually.await("the killed agent's session has ended at the master", PATIENCE,
                    () -> session(api, first), session -> session.getString("state").equalsIgnoreCase("ended"));
            System.out.printf("server-lost: the killed agent's session ended at the master %d ms after the kill"
                    + " (server-lost-seconds %d)%n", (System.nanoTime() - killed) / 1_000_000, SERVER_LOST_SECONDS);
            assertThat(lost.getString("endReason")).startsWith("server-lost");
            assertThat(lost.getString("endedAt", null)).isNotNull();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive))
                    .as("nobody is left on the lost server to stop its program").contains(true);

            JsonObject alsoPlaced = api.open("echo", "client-5", "eu/de");
            assertThat(server(alsoPlaced)).isEqualTo("far");
            fleet.agent("far").terminate();
            for (JsonObject onStopped : List.of(placed, alsoPlaced)) {
                long pid = onStopped.getJsonNumber("pid").longValue();
                Eventually.await("the stopped agent's programs have ended with it", PATIENCE,
                        () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
                JsonObject stopped = Eventually.await("the stopped agent's sessions have ended at the master",
                        PATIENCE, () -> session(api, onStopped),
                        session -> session.getString("state").equalsIgnoreCase("ended"));
                assertThat(stopped.getString("endReason")).as("the agent told the master as it went down")
                        .startsWith("agent-stopping: program ended");
            }

            Eventually.await("no agent is left in selection", PATIENCE,
                    () -> states(api).equals(List.of("down", "down")));
            Api.Reply refused = api.post("/api/v1/sessions", "{\"app\":\"cat\",\"clientId\":\"client-3\"}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.retryAfter()).isPresent();
            assertThat(refused.object().getJsonArray("servers")).hasSize(2);

            // the lost agent comes back after all, on its journal: it ends the leftover, and its late exit report
            // (left-by-dead-agent) finds the session ended
            fleet.agent("near").start();
            Eventually.await("the agent that came back is in selection again", PATIENCE,
                    () -> states(api).get(0).equals("up"));
            Eventually.await("its leftover program has ended", PATIENCE,
                    () -> ProcessHandle.of(firstPid).map(process -> !process.isAlive()).orElse(true));
            assertThat(server(api.open("cat", "client-4", "eu/de"))).isEqualTo("near");
            JsonObject afterwards = session(api, first);
            assertThat(afterwards.getString("state")).isEqualToIgnoringCase("ended");
            assertThat(afterwards.getString("endReason")).isEqualTo(lost.getString("endReason"));
            assertThat(afterwards.getString("endedAt")).isEqualTo(lost.getString("endedAt"));
        }
    }

    /**
     * A program that ends while the master is down (here: stopped by an order straight to its agent) ends its session
     * once the master is back: the agent keeps the exit the master could not take and tells it again.
     */
    @Test
    void anExitDuringTheMastersOutageEndsItsSessionOnceTheMasterIsBack() throws Exception {
        try (LocalFleet fleet = new LocalFleet("outage").agent("only", "eu/de", 5).start()) {
            Api api = fleet.api();
            Eventually.await("the agent is up", PATIENCE, () -> states(api).equals(List.of("up")));
            JsonObject opened = api.open("cat", "client-1", "eu/de");
            long pid = opened.getJsonNumber("pid").longValue();

            fleet.balancer().kill();
            HttpResponse<String> stopped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(fleet.agent("only").url() + "/api/programs/" + opened.getString("id")))
                    .header("Authorization", "Bearer " + LocalFleet.SECRET).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(204);
            Eventually.await("the program has ended", PATIENCE,
                    () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
            fleet.balancer().start();

            JsonObject ended = Eventually.await("the session is ended at the master that came back", PATIENCE,
                    () -> session(api, opened), session -> session.getString("state").equalsIgnoreCase("ended"));
            assertThat(ended.getString("endReason")).startsWith("stopped: program ended");
        }
    }

    /** The session as its owner sees it (GET with its token). */
    private static JsonObject session(Api api, JsonObject opened) {
        Api.Reply reply = api.get("/api/v1/sessions/" + opened.getString("id") + "?token=" + Api.token(opened));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.object();
    }

    private static List<String> states(Api api) {
        return api.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class).stream()
                .sorted(java.util.Comparator.comparing(server -> server.getString("name").equals("near") ? 0 : 1))
                .map(server -> server.getString("state")).toList();
    }

    private static String server(JsonObject session) {
        return session.getJsonObject("server").getString("name");
    }
}
