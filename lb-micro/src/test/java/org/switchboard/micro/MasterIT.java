package org.switchboard.micro;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Micro packaging of master and slave on Payara Micro: agents' registrations and reports reach the master's view,
 * selection ranks the servers by the reported load, and every decision lands in the H2 request history with its
 * reasons. The servers' agents are addresses where nothing listens, so each launch fails and the master's choice, its
 * second choice and the failures are all visible; launching real programs is the system tests' part.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MasterIT {

    private static final String SECRET = System.getProperty("switchboard.test.secret");
    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive balancer() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("switchboard.test.war")));
    }

    @Test
    void selectsByReportedLoadAndRecordsEveryDecision() throws Exception {
        int nowhere = unusedPort();
        register("busy", nowhere, "eu/de", 10);
        register("idle", nowhere, "eu/de", 10);
        assertThat(post("api/v1/master/servers/busy/load", report("busy", 7), SECRET).statusCode()).isEqualTo(204);
        assertThat(post("api/v1/master/servers/idle/load", report("idle", 1), SECRET).statusCode()).isEqualTo(204);

        HttpResponse<String> launch = post("api/v1/sessions",
                "{\"app\":\"shell\",\"clientId\":\"alice\",\"location\":\"eu/de/ber\"}", null);

        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(502);
        assertThat(json(launch.body()).asJsonObject().getString("error")).isEqualTo("launch-failed");
        List<JsonObject> history = json(get("api/v1/master/admin/history?limit=2").body()).asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(history).extracting(request -> request.getString("server"), request -> request.getString("outcome"))
                .as("newest first: the idle server was tried first, then the busy one")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("busy", "failed"),
                        org.assertj.core.groups.Tuple.tuple("idle", "failed"));
        JsonObject reasons = json(history.get(1).getString("reasons")).asJsonObject();
        assertThat(reasons.getJsonArray("servers").getValuesAs(JsonString::getString)).as("in rank order")
                .containsExactly("idle", "busy");
        assertThat(reasons.getJsonArray("score")).as("both eligible, each with its score").hasSize(2);
        assertThat(Files.exists(Path.of(System.getProperty("switchboard.test.dbdir"), "switchboard.mv.db")))
                .as("the history lives in the H2 file database").isTrue();
    }

    @Test
    void recordsRejectionsAndRefusesStrangers() throws Exception {
        assertThat(post("api/v1/sessions", "{\"app\":\"no-such-app\",\"clientId\":\"bob\"}", null).statusCode())
                .isEqualTo(400);
        JsonObject rejected = json(get("api/v1/master/admin/history?limit=1").body()).asJsonArray().getJsonObject(0);
        assertThat(rejected.getString("outcome")).isEqualTo("rejected");
        assertThat(rejected.getString("clientId")).isEqualTo("bob");

        assertThat(post("api/v1/master/servers", registration("intruder", 1, "eu", 1), "Bearer wrong-secret-123456")
                .statusCode()).isEqualTo(401);
        JsonArray servers = json(get("api/v1/master/admin/servers").body()).asJsonArray();
        assertThat(servers.getValuesAs(JsonObject.class)).noneMatch(server -> server.getString("name").equals("intruder"));
    }

    private void register(String name, int port, String location, int capacity) throws Exception {
        HttpResponse<String> response = post("api/v1/master/servers", registration(name, port, location, capacity),
                SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static String registration(String name, int port, String location, int capacity) {
        return Json.createObjectBuilder().add("server", name).add("agentUrl", "http://127.0.0.1:" + port + "/agent")
                .add("location", location).add("capacity", capacity)
                .add("applications", Json.createArrayBuilder().add("shell")).build().toString();
    }

    private static String report(String name, int used) {
        return Json.createObjectBuilder().add("server", name).add("cpuLoad", 0.5).add("memoryLoad", 0.5)
                .add("programs", used).add("capacityUsed", used).add("launchOrders", 0).build().toString();
    }

    private HttpResponse<String> post(String path, String json, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (secret != null) {
            request.header("Authorization", secret.startsWith("Bearer ") ? secret : "Bearer " + secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Loopback only: the test talks to 127.0.0.1 whatever address the container advertises. */
    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + path);
    }

    private static jakarta.json.JsonValue json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
