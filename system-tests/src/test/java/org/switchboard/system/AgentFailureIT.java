package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agents that die or stop: selection stops choosing them, and their programs do not outlive them. */
class AgentFailureIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aFleetLosingItsAgentsStaysHonest() {
        try (LocalFleet fleet = new LocalFleet("failure").agent("near", "eu/de", 5).agent("far", "us/ny", 5).start()) {
            Api api = fleet.api();
            Eventually.await("both agents are up", PATIENCE, () -> states(api).equals(List.of("up", "up")));
            assertThat(server(api.open("cat", "client-1", "eu/de"))).isEqualTo("near");

            fleet.agent("near").kill();

            Eventually.await("the killed agent is out of selection", PATIENCE,
                    () -> states(api).equals(List.of("down", "up")));
            JsonObject placed = api.open("cat", "client-2", "eu/de");
            assertThat(server(placed)).isEqualTo("far");
            assertThat(placed.getJsonObject("decision").getJsonArray("candidates").getValuesAs(JsonObject.class))
                    .anySatisfy(candidate -> assertThat(candidate.getString("excluded", "")).startsWith("down"));

            long pid = placed.getJsonNumber("pid").longValue();
            fleet.agent("far").terminate();
            Eventually.await("the stopped agent's program has ended with it", PATIENCE,
                    () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));

            Eventually.await("no agent is left in selection", PATIENCE,
                    () -> states(api).equals(List.of("down", "down")));
            Api.Reply refused = api.post("/api/v1/sessions", "{\"app\":\"cat\",\"clientId\":\"client-3\"}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.retryAfter()).isPresent();
            assertThat(refused.object().getJsonArray("servers")).hasSize(2);
        }
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
