package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The production shape: the balancer EAR (persistence, master-ejb, slave-web at /) deployed unchanged on a full
 * Payara Server with a domain of its own, and an agent on Payara Micro that registers with it. A session request
 * goes through the whole way: placement, launch before link, the relay, the end of the program.
 */
class EarOnPayaraServerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SECRET = "system-test-secret-" + UUID.randomUUID();
    private static final String LOCATION = "eu/de/fra";

    @Test
    void theEarOnPayaraServerAnswersASessionRequestEndToEnd() {
        PayaraServer server = new PayaraServer("ear")
                .with("switchboard.secret", SECRET)
                .with("switchboard.dbdir", MicroInstance.workdir().resolve("ear-db-" + UUID.randomUUID())
                        .toAbsolutePath())
                .with("switchboard.master.report-timeout-ms", LocalFleet.REPORT_TIMEOUT_MILLIS)
                .with("switchboard.slave.name", "ear-slave");
        MicroInstance agent = LocalFleet.agentInstance("ear-agent", server.url(), SECRET, LOCATION, 2);

        try (server; agent) {
            // the agent keeps trying to register until the master is there: both start at once
            agent.launch();
            server.start().deploy(MicroInstance.deployment("switchboard.ear"), "switchboard", "/api/v1/applications");
            agent.awaitReady();
            System.out.println("[ear] Payara Server steps: " + server.timings());
            long started = System.nanoTime();
            try {
                provesASessionEndToEnd(server);
                System.out.printf("[ear] agent up, session, relay round trip and end took %.1f s%n",
                        (System.nanoTime() - started) / 1e9);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- tail of " + server.log() + " ---\n"
                        + server.logTail(80) + "\n--- agent log: " + agent.log(), e);
            }
        }
    }

    private static void provesASessionEndToEnd(PayaraServer server) {
        Api api = new Api(server.url());
        Eventually.await("the agent is registered with the EAR's master and up", PATIENCE,
                () -> api.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class).stream()
                        .anyMatch(listed -> listed.getString("name").equals("ear-agent")
                                && listed.getString("state").equals("up")));

        Api.Reply created = api.post("/api/v1/sessions",
                "{\"app\":\"cat\",\"clientId\":\"ear-client\",\"location\":\"" + LOCATION + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject session = created.object();
        long pid = session.getJsonNumber("pid").longValue();

        assertThat(session.getJsonObject("server").getString("name")).isEqualTo("ear-agent");
        assertThat(session.getJsonObject("server").getString("location")).isEqualTo(LOCATION);
        assertThat(session.getJsonObject("endpoint").getString("host")).isEqualTo("127.0.0.1");
        assertThat(session.get("decision")).as("the decision says why").isNotNull();
        assertThat(ProcessHandle.of(pid)).as("the program runs on this machine before the client links")
                .hasValueSatisfying(process -> {
                    assertThat(process.isAlive()).isTrue();
                    assertThat(process.info().command()).hasValueSatisfying(
                            command -> assertThat(command).endsWith("cat"));
                });
        assertThat(session.getString("relay")).startsWith("ws://127.0.0.1:" + server.httpPort() + "/relay/")
                .contains("token=");

        try (RelayClient relay = RelayClient.connect(session.getString("relay"))) {
            relay.send("hello through the EAR's relay\n");
            Eventually.await("the program's answer comes back through the relay", PATIENCE,
                    () -> relay.text().equals("hello through the EAR's relay\n"));
        }

        Api.Reply ended = api.end(session);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.object().getString("state")).isEqualTo("ended");
        Eventually.await("the program has ended", PATIENCE,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
    }
}
