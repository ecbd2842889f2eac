package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A slave on a Payara Micro instance of its own (slave-web alone) serves clients for a master elsewhere: its
 * selection requests and session look-ups go to the master over REST, and it relays the link itself. A client whose
 * link dropped attaches again to the same program through another slave. Once killed, the master stops sending
 * clients to it.
 */
class SlaveOnItsOwnIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aSlaveAloneServesThroughItsRemoteMasterAndRelaysItself() {
        try (LocalFleet fleet = new LocalFleet("remote").agent("worker", "eu/de", 4).slave("edge", "eu/de").start()) {
            MicroInstance edge = fleet.slave("edge");
            Api slave = new Api(edge.url());
            Eventually.await("the master's applications reach the slave", PATIENCE,
                    () -> slave.get("/api/v1/applications").array().toString().contains("cat"));

            JsonObject session = slave.open("cat", "far-client", "eu/de/ber");
            assertThat(session.getJsonObject("slave").getString("name")).isEqualTo("edge");
            assertThat(session.getString("relay")).startsWith("ws://127.0.0.1:" + edge.port() + "/relay/");
            long pid = session.getJsonNumber("pid").longValue();
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

            try (RelayClient relay = RelayClient.connect(session.getString("relay"))) {
                relay.send("through a slave of its own\n");
                Eventually.await("the program answers through the slave's relay", PATIENCE,
                        () -> relay.text().equals("through a slave of its own\n"));
            } // the link drops: no clean close, so the program keeps running for its client to come back

            String relayPath = session.getString("relay").replaceFirst("^ws://[^/]+", "");
            try (RelayClient again = RelayClient.connect("ws://127.0.0.1:" + fleet.balancer().port() + relayPath)) {
                again.send("attached again through another slave\n");
                Eventually.await("the same program answers through the other slave", PATIENCE,
                        () -> again.text().equals("attached again through another slave\n"));
                assertThat(ProcessHandle.of(pid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
            }

            Api.Reply refused = slave.post("/api/v1/sessions", "{\"app\":\"no-such-app\",\"clientId\":\"x\"}");
            assertThat(refused.status()).as("the master's refusal reaches the client unchanged").isEqualTo(400);
            assertThat(refused.object().getString("error")).isEqualTo("unknown-application");
            assertThat(slave.get("/api/v1/sessions/" + session.getString("id")).status()).isEqualTo(403);

            assertThat(slave.end(session).object().getString("state")).isEqualTo("ended");
            Eventually.await("the program has ended", PATIENCE,
                    () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
            assertThat(fleet.api().get("/api/v1/master/admin/history?limit=3").body())
                    .as("the master recorded the slave's requests").contains("far-client");

            Api central = fleet.api();
            String nearEdge = "{\"app\":\"cat\",\"clientId\":\"near-edge\",\"location\":\"eu/de/ber\"}";
            assertThat(central.post("/api/v1/sessions", nearEdge).status())
                    .as("while the edge slave lives, clients near it are sent there").isEqualTo(307);
            edge.kill();
            Eventually.await("the killed slave is out of the choice", PATIENCE,
                    () -> central.get("/api/v1/master/admin/slaves").array().getValuesAs(JsonObject.class).stream()
                            .anyMatch(listed -> listed.getString("name").equals("edge")
                                    && listed.getString("state").equals("down")));
            Api.Reply served = central.post("/api/v1/sessions", nearEdge);
            assertThat(served.status()).as(served.body()).isEqualTo(201);
            assertThat(served.object().getJsonObject("slave").getString("name")).isEqualTo("remote-slave");
            central.end(served.object());
        }
    }
}
