package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One master and two slaves (patent Fig. 7-10, 12): the balancer's own slave "central" in New York and a slave of
 * its own, "edge", in Germany, with a processing server near each and a third in California. The master picks the
 * server and the slave; the requesting slave serves or redirects with a signed ticket; the chosen slave re-confirms
 * with the master; a full slave sends clients elsewhere. The slave a client is sent to hears of it from the master
 * once its program runs (Fig. 7, arrow 653) and links to the program before the client arrives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MasterAndSlavesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String GERMANY = "eu/de/ber";
    private static final String NEW_YORK = "us/ny/nyc";
    private static final int SERVER_CAPACITY = 3;
    /** Relays the balancer's own slave may carry; edge may carry one. */
    private static final int CENTRAL_CAPACITY = 4;
    /** Long enough to follow a redirect at once, short enough to see a ticket expire. */
    private static final Duration TICKET_LIFETIME = Duration.ofSeconds(3);

    private LocalFleet fleet;
    private Api central;
    private Api edge;
    private final List<JsonObject> opened = new ArrayList<>();
    private final List<RelayClient> relays = new ArrayList<>();

    @BeforeAll
    void startFleet() {
        fleet = new LocalFleet("slaves", "us/ny", CENTRAL_CAPACITY)
                .master("switchboard.master.ticket-lifetime-ms", TICKET_LIFETIME.toMillis())
                .agent("fra", "eu/de/fra", SERVER_CAPACITY)
                .agent("nyc", NEW_YORK, SERVER_CAPACITY).agent("sfo", "us/ca/sfo", SERVER_CAPACITY)
                .slave("edge", "eu/de", 1).start();
        central = fleet.api();
        edge = new Api(fleet.slave("edge").url());
        Eventually.await("the three servers and both slaves are up", PATIENCE, () -> upCount("servers") == 3
                && upCount("slaves") == 2);
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @BeforeEach
    void nothingRuns() {
        Instant since = Instant.now();
        Eventually.await("no server reports load and no slave carries a relay, in reports made since", PATIENCE, () ->
                central.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class).stream()
                        .allMatch(server -> server.getInt("load") == 0)
                && central.get("/api/v1/master/admin/slaves").array().getValuesAs(JsonObject.class).stream()
                        .allMatch(slave -> slave.getInt("relays") == 0
                                && Instant.parse(slave.getString("reportedAt")).isAfter(since)));
    }

    @AfterEach
    void endEverything() {
        relays.forEach(RelayClient::close);
        relays.clear();
        opened.forEach(central::end);
        opened.clear();
    }

    @Test
    void theRequestingSlaveServesWhenItIsTheNearest() {
        Api.Reply reply = request(central, "cat", "new-yorker", NEW_YORK, null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(slaveOf(reply)).isEqualTo("slaves-slave");
        assertThat(serverOf(reply)).isEqualTo("nyc");
    }

    @Test
    void aClientFollowsTheRedirectToTheNearerSlaveAndIsLinkedThere() {
        Api.Reply redirect = request(central, "cat", "berliner", GERMANY, null);

        assertThat(redirect.status()).as(redirect.body()).isEqualTo(307);
        JsonObject body = redirect.object();
        assertThat(body.getString("redirect")).isEqualTo(fleet.slave("edge").url() + "/api/v1/sessions");
        assertThat(redirect.location()).as("the ticket rides in the Location too")
                .hasValue(body.getString("redirect") + "?ticket=" + body.getString("ticket"));
        assertThat(body.getString("slave")).isEqualTo("edge");
        assertThat(body.getString("server")).isEqualTo("fra");

        Api.Reply served = request(edge, "cat", "berliner", GERMANY, body.getString("ticket"));

        assertThat(served.status()).as(served.body()).isEqualTo(201);
        assertThat(slaveOf(served)).isEqualTo("edge");
        assertThat(serverOf(served)).isEqualTo("fra");
        assertThat(served.object().getString("relay")).startsWith("ws://127.0.0.1:" + fleet.slave("edge").port());
        try (RelayClient relay = RelayClient.connect(served.object().getString("relay"))) {
            relay.send("bytes through the slave the master chose\n");
            Eventually.await("the program answers through edge", PATIENCE,
                    () -> relay.text().equals("bytes through the slave the master chose\n"));
            Eventually.await("edge reports the bytes it relays and the requests it receives", PATIENCE, () -> {
                relay.send("more bytes\n");
                edge.post("/api/v1/sessions", "{}");
                JsonObject reported = slaveListed("edge");
                return reported.getJsonNumber("relayBytesPerSecond").doubleValue() > 0
                        && reported.getJsonNumber("requestsPerSecond").doubleValue() > 0;
            });
        }
    }

    @Test
    void aClientThatFollowsRedirectsByItselfIsServedWhereTheRedirectSays() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        String request = Json.createObjectBuilder().add("app", "cat").add("clientId", "curl-l-user")
                .add("location", GERMANY).build().toString();

        HttpResponse<String> served = following.send(HttpRequest.newBuilder(
                        URI.create(fleet.balancer().url() + "/api/v1/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(served.statusCode()).as(served.body()).isEqualTo(201);
        assertThat(served.uri().toString()).as("the ticket rides in the redirect's URL")
                .startsWith(fleet.slave("edge").url() + "/api/v1/sessions?ticket=");
        JsonObject session = Json.createReader(new StringReader(served.body())).readObject();
        opened.add(session);
        assertThat(session.getJsonObject("slave").getString("name")).isEqualTo("edge");
    }

    @Test
    void ticketsCannotBeForgedPassedOnOrTakenElsewhere() {
        String ticket = request(central, "cat", "ticket-holder", GERMANY, null).object().getString("ticket");
        String forged = ticket.substring(0, ticket.length() - 2) + (ticket.endsWith("A") ? "BB" : "AA");

        assertRefused(request(edge, "cat", "ticket-holder", GERMANY, forged), "invalid-ticket");
        assertRefused(request(edge, "cat", "someone-else", GERMANY, ticket), "invalid-ticket");
        assertRefused(request(edge, "echo", "ticket-holder", GERMANY, ticket), "invalid-ticket");
        assertRefused(request(central, "cat", "ticket-holder", GERMANY, ticket), "invalid-ticket");
        assertRefused(request(edge, "cat", "ticket-holder", GERMANY, "not-a-ticket"), "invalid-ticket");
        assertThat(request(edge, "cat", "ticket-holder", GERMANY, ticket).status()).isEqualTo(201);
    }

    @Test
    void theMasterLaunchesTheProgramAtTheRedirectSoTheRedirectedClientFindsItRunning() {
        Api fra = new Api(fleet.agent("fra").url());
        Api.Reply redirect = request(central, "cat", "prepared-berliner", GERMANY, null);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(307);
        assertThat(redirect.object().getString("server")).isEqualTo("fra");

        JsonObject prepared = Eventually.await("fra runs the program before the client arrives", PATIENCE,
                () -> programOf(fra, "prepared-berliner"), Optional::isPresent).orElseThrow();
        Instant arriving = Instant.now();
        Api.Reply served = request(edge, "cat", "prepared-berliner", GERMANY, redirect.object().getString("ticket"));

        assertThat(Instant.parse(prepared.getString("startedAt"))).isBefore(arriving);
        assertThat(served.status()).as(served.body()).isEqualTo(201);
        assertThat(served.object().getString("id")).as("the prepared session").isEqualTo(prepared.getString("session"));
        assertThat(served.object().getJsonNumber("pid").longValue()).as("the prepared program")
                .isEqualTo(prepared.getJsonNumber("pid").longValue());
        assertThat(programsOf(fra, "prepared-berliner")).as("launched once").hasSize(1);
    }

    @Test
    void theProgramPreparedForATicketNobodyUsesIsStoppedWhenTheTicketExpires() {
        Api fra = new Api(fleet.agent("fra").url());
        Instant issued = Instant.now();
        Api.Reply redirect = request(central, "cat", "no-show", GERMANY, null);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(307);
        long pid = Eventually.await("fra runs the program prepared for the ticket", PATIENCE,
                () -> programOf(fra, "no-show"), Optional::isPresent).orElseThrow().getJsonNumber("pid").longValue();

        // well before the agent's own rule (no client within its connect timeout, 60 s) would stop it
        Eventually.await("the program is stopped once its ticket expired", TICKET_LIFETIME.plusSeconds(12),
                () -> programOf(fra, "no-show").isEmpty()
                        && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));

        assertThat(Instant.now()).as("not before the ticket expired").isAfter(issued.plus(TICKET_LIFETIME));
        Eventually.await("fra's place is released", PATIENCE, () -> serverListed("fra").getInt("load") == 0);
    }

    @Test
    void theSelectedSlaveLinksToTheProgramBeforeTheRedirectedClientArrivesAndItsRelayUsesThatLink() {
        awaitNoArrivalHeld(edge);
        JsonObject before = arrivalsAt(edge);
        Api.Reply redirect = request(central, "cat", "expected-berliner", GERMANY, null);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(307);
        assertThat(redirect.object().getString("slave")).isEqualTo("edge");

        Eventually.await("edge holds a link to the program before the client arrives", PATIENCE,
                () -> arrivalsAt(edge).getInt("held") == 1);
        Api.Reply served = request(edge, "cat", "expected-berliner", GERMANY, redirect.object().getString("ticket"));
        assertThat(served.status()).as(served.body()).isEqualTo(201);
        try (RelayClient relay = RelayClient.connect(served.object().getString("relay"))) {
            relay.send("bytes over the link edge prepared\n");
            Eventually.await("the program answers through the prepared link", PATIENCE,
                    () -> relay.text().equals("bytes over the link edge prepared\n"));
            JsonObject after = arrivalsAt(edge);
            assertThat(after.getInt("held")).isZero();
            assertThat(after.getJsonNumber("claimed").longValue()).as("the relay took the prepared link")
                    .isEqualTo(before.getJsonNumber("claimed").longValue() + 1);
        }
    }

    @Test
    void theBalancersOwnSlaveHearsOfItsArrivalsInProcessAndLinksAhead() {
        awaitNoArrivalHeld(central);
        long claimedBefore = arrivalsAt(central).getJsonNumber("claimed").longValue();
        Api.Reply redirect = request(edge, "cat", "expected-new-yorker", NEW_YORK, null);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(307);
        assertThat(redirect.object().getString("slave")).isEqualTo("slaves-slave");

        Eventually.await("the balancer's slave holds a link to the program", PATIENCE,
                () -> arrivalsAt(central).getInt("held") == 1);
        Api.Reply served = request(central, "cat", "expected-new-yorker", NEW_YORK,
                redirect.object().getString("ticket"));
        assertThat(served.status()).as(served.body()).isEqualTo(201);
        try (RelayClient relay = RelayClient.connect(served.object().getString("relay"))) {
            relay.send("bytes over the link central prepared\n");
            Eventually.await("the program answers", PATIENCE,
                    () -> relay.text().equals("bytes over the link central prepared\n"));
            assertThat(arrivalsAt(central).getJsonNumber("claimed").longValue()).isEqualTo(claimedBefore + 1);
        }
    }

    @Test
    void aLinkPreparedForAClientThatNeverComesIsClosedWhenItsTicketExpires() {
        awaitNoArrivalHeld(edge);
        long expiredBefore = arrivalsAt(edge).getJsonNumber("expired").longValue();
        Instant issued = Instant.now();
        Api.Reply redirect = request(central, "cat", "never-comes", GERMANY, null);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(307);
        Eventually.await("edge holds a link to the program", PATIENCE, () -> arrivalsAt(edge).getInt("held") == 1);

        Eventually.await("edge lets the link go", TICKET_LIFETIME.plusSeconds(12),
                () -> arrivalsAt(edge).getInt("held") == 0);

        assertThat(Instant.now()).as("not before the ticket expired").isAfter(issued.plus(TICKET_LIFETIME));
        assertThat(arrivalsAt(edge).getJsonNumber("expired").longValue()).isEqualTo(expiredBefore + 1);
    }

    @Test
    void onlyTheFleetTellsASlaveOfArrivals() {
        Api.Reply told = edge.post("/api/v1/slave/arrivals", "{}");
        assertThat(told.status()).as(told.body()).isEqualTo(401);
        Api.Reply asked = edge.operator("GET", "/api/v1/slave/arrivals", "not-the-secret-of-this-fleet");
        assertThat(asked.status()).as(asked.body()).isEqualTo(401);
    }

    @Test
    void anExpiredTicketIsRefused() {
        Instant issued = Instant.now();
        String ticket = request(central, "cat", "slow-client", GERMANY, null).object().getString("ticket");
        Eventually.await("the ticket's lifetime has passed", PATIENCE,
                () -> Instant.now().isAfter(issued.plus(TICKET_LIFETIME).plusSeconds(1)));

        Api.Reply refused = request(edge, "cat", "slow-client", GERMANY, ticket);

        assertRefused(refused, "invalid-ticket");
        assertThat(refused.object().getString("reason")).contains("expired");
    }

    @Test
    void theChosenSlaveReconfirmsAndTheMasterChoosesAgainWhenTheServerWasDrained() {
        // the program prepared for a ticket holds its place on the server, so others cannot fill it up meanwhile;
        // a server drained before the client arrives can no longer take it
        Api fra = new Api(fleet.agent("fra").url());
        String ticket = request(central, "cat", "late-comer", GERMANY, null).object().getString("ticket");
        String drain = "/api/v1/master/admin/servers/fra/drain";
        assertThat(central.operator("PUT", drain, LocalFleet.SECRET).status()).isEqualTo(204);
        try {
            Api.Reply served = request(edge, "cat", "late-comer", GERMANY, ticket);

            assertThat(served.status()).as(served.body()).isEqualTo(201);
            assertThat(serverOf(served)).as("fra is drained now, so the master chose again").isNotEqualTo("fra");
            assertThat(slaveOf(served)).as("a ticket is followed once: no second redirect").isEqualTo("edge");
            Eventually.await("the program prepared on fra is stopped", PATIENCE,
                    () -> programOf(fra, "late-comer").isEmpty());
        } finally {
            assertThat(central.operator("DELETE", drain, LocalFleet.SECRET).status()).isEqualTo(204);
        }
    }

    @Test
    void aClientOnItsWayToASlaveHoldsItsPlaceThere() {
        Api.Reply first = request(central, "cat", "first-berliner", GERMANY, null);
        assertThat(first.status()).as(first.body()).isEqualTo(307);

        Api.Reply second = request(central, "cat", "second-berliner", GERMANY, null);

        assertThat(second.status()).as("edge has room for one, and one is on its way: " + second.body())
                .isEqualTo(201);
        assertThat(slaveOf(second)).isEqualTo("slaves-slave");
        assertThat(request(edge, "cat", "first-berliner", GERMANY, first.object().getString("ticket")).status())
                .as("the first arrives and is served").isEqualTo(201);
    }

    @Test
    void aFullSlaveSendsClientsToOneWithRoomAndWhenNoneHasRoomItSays503() {
        hold(request(central, "cat", "edge-user", GERMANY, null), edge, "edge-user", GERMANY);
        Eventually.await("the master sees edge full", PATIENCE, () -> relaysOf("edge") == 1);

        Api.Reply elsewhere = request(edge, "cat", "second-berliner", GERMANY, null);
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(307);
        assertThat(elsewhere.object().getString("slave")).isEqualTo("slaves-slave");
        hold(elsewhere, central, "second-berliner", GERMANY);

        for (int i = 1; i < CENTRAL_CAPACITY; i++) {
            hold(request(central, "cat", "new-yorker-" + i, NEW_YORK, null), null, "new-yorker-" + i, NEW_YORK);
        }
        Eventually.await("the master sees central full", PATIENCE,
                () -> relaysOf("slaves-slave") == CENTRAL_CAPACITY);

        Api.Reply refused = request(edge, "cat", "third-berliner", GERMANY, null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.retryAfter()).isPresent();
        assertThat(refused.object().getString("error")).isEqualTo("no-slave");
    }

    /** What {@code slave} holds for clients on their way to it: links held now, taken and expired since its start. */
    private static JsonObject arrivalsAt(Api slave) {
        Api.Reply counts = slave.operator("GET", "/api/v1/slave/arrivals", LocalFleet.SECRET);
        assertThat(counts.status()).as(counts.body()).isEqualTo(200);
        return counts.object();
    }

    /** Links prepared in earlier tests for clients that did not come are gone once their tickets expired. */
    private static void awaitNoArrivalHeld(Api slave) {
        Eventually.await("no link held at " + slave, TICKET_LIFETIME.plusSeconds(12),
                () -> arrivalsAt(slave).getInt("held") == 0);
    }

    /** Opens the client's session (following a redirect to {@code follow} if one comes) and keeps its relay open. */
    private void hold(Api.Reply reply, Api follow, String client, String location) {
        Api.Reply served = reply.status() == 307
                ? request(follow, "cat", client, location, reply.object().getString("ticket")) : reply;
        assertThat(served.status()).as(served.body()).isEqualTo(201);
        relays.add(RelayClient.connect(served.object().getString("relay")));
    }

    private Api.Reply request(Api slave, String app, String client, String location, String ticket) {
        var json = Json.createObjectBuilder().add("app", app).add("clientId", client).add("location", location);
        if (ticket != null) {
            json.add("ticket", ticket);
        }
        Api.Reply reply = slave.post("/api/v1/sessions", json.build().toString());
        if (reply.status() == 201) {
            opened.add(reply.object());
        }
        return reply;
    }

    /** The programs the agent behind {@code agent} runs for {@code client}, as it lists them to the master. */
    private static List<JsonObject> programsOf(Api agent, String client) {
        Api.Reply listed = agent.operator("GET", "/api/programs", LocalFleet.SECRET);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.array().getValuesAs(JsonObject.class).stream()
                .filter(program -> program.getString("client").equals(client)).toList();
    }

    private static Optional<JsonObject> programOf(Api agent, String client) {
        return programsOf(agent, client).stream().findFirst();
    }

    private JsonObject serverListed(String server) {
        return central.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class).stream()
                .filter(listed -> listed.getString("name").equals(server)).findFirst()
                .orElseThrow(() -> new AssertionError("the master does not list server " + server));
    }

    private int upCount(String kind) {
        return (int) central.get("/api/v1/master/admin/" + kind).array().getValuesAs(JsonObject.class).stream()
                .filter(listed -> listed.getString("state").equals("up")).count();
    }

    private int relaysOf(String slave) {
        return slaveListed(slave).getInt("relays");
    }

    private JsonObject slaveListed(String slave) {
        return central.get("/api/v1/master/admin/slaves").array().getValuesAs(JsonObject.class).stream()
                .filter(listed -> listed.getString("name").equals(slave)).findFirst()
                .orElseThrow(() -> new AssertionError("the master does not list slave " + slave));
    }

    private static void assertRefused(Api.Reply reply, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.object().getString("error")).isEqualTo(error);
    }

    private static String slaveOf(Api.Reply reply) {
        return reply.object().getJsonObject("slave").getString("name");
    }

    private static String serverOf(Api.Reply reply) {
        return reply.object().getJsonObject("server").getString("name");
    }
}
