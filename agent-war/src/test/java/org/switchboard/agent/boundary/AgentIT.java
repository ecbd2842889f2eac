package org.switchboard.agent.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpTimeoutException;

import com.sun.net.httpserver.HttpServer;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.switchboard.agent.control.Await;
import org.switchboard.agent.control.RelaySide;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.StdioLink;

/** The built agent WAR on Payara Micro, driven over HTTP as the master drives it, launching real programs. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentIT {

    private static final String SECRET = "integration-test-secret-0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Short for the burst of launches nobody connects to, long enough for the other tests to connect in time. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(8);

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Set<Long> launched = ConcurrentHashMap.newKeySet();

    /** Plays the master: records every call the agent makes to it. */
    private static HttpServer master;
    private static final Queue<String> masterCalls = new ConcurrentLinkedQueue<>();
    /**
     * Plays a second master of a group, one that hangs: it takes every call and answers none (until the tests end),
     * so each of the agent's calls to it lasts the agent's whole master timeout.
     */
    private static HttpServer hangingMaster;
    private static final CountDownLatch hangingMasterReleased = new CountDownLatch(1);
    /** The calls to both masters in the order they came: "hanging" for the hanging one's, the path for the other's. */
    private static final Queue<String> callOrder = new ConcurrentLinkedQueue<>();

    @Deployment(testable = false)
    static WebArchive agent() throws IOException {
        master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        master.createContext("/api/v1/master/servers", exchange -> {
            callOrder.add(exchange.getRequestURI().getPath());
            masterCalls.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        master.start();
        hangingMaster = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hangingMaster.setExecutor(Executors.newCachedThreadPool());
        hangingMaster.createContext("/", exchange -> {
            callOrder.add("hanging");
            try {
                hangingMasterReleased.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        hangingMaster.start();
        String config = "switchboard.secret=" + SECRET + "\n"
                + "switchboard.master.url=http://127.0.0.1:" + hangingMaster.getAddress().getPort()
                + ",http://127.0.0.1:" + master.getAddress().getPort() + "\n"
                + "switchboard.agent.name=it-agent\n"
                + "switchboard.agent.location=eu/de/fra\n"
                + "switchboard.agent.report-interval-ms=500\n"
                + "switchboard.agent.connect-timeout-ms=" + CONNECT_TIMEOUT.toMillis() + "\n"
                + "switchboard.agent.check-interval-ms=250\n"
                + "switchboard.agent.catalog=" + System.getProperty("switchboard.test.catalog") + "\n"
                + "switchboard.agent.state-dir=" + System.getProperty("switchboard.test.stateDir") + "\n";
        return ShrinkWrap.create(ZipImporter.class, "agent.war")
                .importFrom(new File(System.getProperty("switchboard.test.war")))
                .as(WebArchive.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    /** Programs must not outlive the test, whatever happened in it. */
    @AfterEach
    void stopLaunchedPrograms() throws Exception {
        if (launched.isEmpty()) {
            return;
        }
        HttpResponse<String> listing = send(authorized("programs").GET());
        if (listing.statusCode() == 200) {
            for (ProgramListing program : jsonb.fromJson(listing.body(), ProgramListing[].class)) {
                send(authorized("programs/" + program.session()).DELETE());
            }
        }
        launched.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @AfterAll
    static void stopMaster() {
        hangingMasterReleased.countDown();
        if (hangingMaster != null) {
            hangingMaster.stop(0);
        }
        if (master != null) {
            master.stop(0);
        }
    }

    /**
     * A master of the group that hangs holds up only the agent's calls to itself: while one call to it waits for its
     * answer, the other master keeps getting the agent's load reports at the interval (500 ms; the agent gives up on
     * the hanging call after 5 s). Were the reports to all masters made on one thread, the other master would hear
     * nothing meanwhile and take the server out of selection.
     */
    @Test
    void aMasterThatHangsHoldsUpNoReportsToTheOthers() {
        Await.until("the agent's second call to the hanging master, after its first timed out", PATIENCE,
                () -> callOrder.stream().filter("hanging"::equals).count() >= 2);
        List<String> calls = List.copyOf(callOrder);
        int first = calls.indexOf("hanging");
        List<String> meanwhile = calls.subList(first + 1, calls.subList(first + 1, calls.size()).indexOf("hanging")
                + first + 1);
        assertThat(meanwhile).as("the calls to the other master while the first call to the hanging one waited")
                .filteredOn(call -> call.endsWith("/load")).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void registersWithTheMasterAndReportsLaunchesAndExits() throws Exception {
        awaitMasterCall("/api/v1/master/servers Bearer " + SECRET);
        awaitMasterCall("/api/v1/master/servers/it-agent/load Bearer " + SECRET);
        assertThat(masterCalls).filteredOn(call -> call.startsWith("/api/v1/master/servers "))
                .first().asString().contains("\"server\":\"it-agent\"", "\"location\":\"eu/de/fra\"",
                        "\"applications\":[\"bash\",\"cat\",\"echo\",\"jshell\",\"xterm\"]");
        String session = session();

        HttpResponse<String> answer = launch(new LaunchInstruction(session, "cat", "tester"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        launched.add(jsonb.fromJson(answer.body(), LaunchNotification.class).pid());
        awaitMasterCall("\"programs\":1");
        assertThat(send(authorized("programs/" + session).DELETE()).statusCode()).isEqualTo(204);

        awaitMasterCall("/api/v1/master/servers/it-agent/exits Bearer " + SECRET, "\"session\":\"" + session + "\"");
    }

    /** Waits for a call to the master that contains all the parts. */
    private static void awaitMasterCall(String... parts) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (masterCalls.stream().noneMatch(call -> List.of(parts).stream().allMatch(call::contains))) {
            assertThat(Instant.now()).as("a call to the master with " + List.of(parts) + " within " + PATIENCE)
                    .isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void obeysOnlyCallersWithTheSharedSecret() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("programs")).GET());
        HttpResponse<String> impostor = send(HttpRequest.newBuilder(uri("programs"))
                .header("Authorization", "Bearer not-the-secret-at-all").GET());
        HttpResponse<String> impostorLaunch = send(HttpRequest.newBuilder(uri("programs"))
                .header("Authorization", "Bearer not-the-secret-at-all").header("Content-Type", "application/json")
                .POST(json(new LaunchInstruction(session(), "cat", "mallory"))));

        for (HttpResponse<String> refused : List.of(anonymous, impostor, impostorLaunch)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("\"error\":\"unauthorized\"").contains("\"reason\"");
        }
    }

    @Test
    void refusesWhatIsNotInTheCatalogOrNotSafe() throws Exception {
        HttpResponse<String> unknown = launch(new LaunchInstruction(session(), "rm", "tester"));
        HttpResponse<String> injected = launch(new LaunchInstruction(session(), "cat", "x; rm -rf /"));
        HttpResponse<String> malformed = send(authorized("programs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"error\":\"unknown-application\"");
        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(injected.body()).contains("\"error\":\"invalid-instruction\"");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"error\"").doesNotContain("Exception");
    }

    @Test
    void launchesATcpProgramListsAndStopsIt() throws Exception {
        String session = session();

        HttpResponse<String> answer = launch(new LaunchInstruction(session, "echo", "tester"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        LaunchNotification notification = jsonb.fromJson(answer.body(), LaunchNotification.class);
        launched.add(notification.pid());
        assertThat(notification.session()).isEqualTo(session);
        assertThat(notification.kind()).isEqualTo("tcp");
        assertThat(notification.endpoint().host()).isEqualTo("127.0.0.1");
        assertThat(ProcessHandle.of(notification.pid())).get().matches(ProcessHandle::isAlive);
        try (Socket link = connect(notification.endpoint())) {
            link.getOutputStream().write("ping through echo".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(link.getInputStream().readNBytes(17), StandardCharsets.UTF_8))
                    .isEqualTo("ping through echo");
        }

        HttpResponse<String> listing = send(authorized("programs").GET());
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(listing.body()).contains("\"session\":\"" + session + "\"", "\"app\":\"echo\"",
                "\"client\":\"tester\"", "\"pid\":" + notification.pid(), "\"startedAt\"");

        assertThat(send(authorized("programs/" + session).DELETE()).statusCode()).isEqualTo(204);
        assertThat(ended(notification.pid())).as("the program is gone").isTrue();
        assertThat(send(authorized("programs").GET()).body()).doesNotContain(session);
        HttpResponse<String> again = send(authorized("programs/" + session).DELETE());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("\"error\":\"not-found\"");
    }

    @Test
    void bridgesAStdioProgram() throws Exception {
        HttpResponse<String> answer = launch(new LaunchInstruction(session(), "cat", "tester"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        LaunchNotification notification = jsonb.fromJson(answer.body(), LaunchNotification.class);
        launched.add(notification.pid());
        assertThat(notification.kind()).isEqualTo("stdio");
        try (Socket link = RelaySide.connect(notification.endpoint(),
                new StdioLink(new SharedSecret(SECRET)).proof(notification.session()), PATIENCE)) {
            link.getOutputStream().write("hello, cat\n".getBytes(StandardCharsets.UTF_8));
            InputStream fromCat = link.getInputStream();
            assertThat(new String(fromCat.readNBytes(11), StandardCharsets.UTF_8)).isEqualTo("hello, cat\n");
            link.getOutputStream().write("bye".getBytes(StandardCharsets.UTF_8));
            link.shutdownOutput();
            assertThat(new String(fromCat.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bye");
        }
        assertThat(ended(notification.pid())).as("cat ends with its input").isTrue();
    }

    @Test
    void endsEveryProgramOfABurstNobodyConnectsTo() throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String session = session();
            HttpResponse<String> answer = launch(new LaunchInstruction(session, i % 2 == 0 ? "cat" : "bash", "tester"));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            launched.add(jsonb.fromJson(answer.body(), LaunchNotification.class).pid());
            sessions.add(session);
        }

        Instant deadline = Instant.now().plus(CONNECT_TIMEOUT).plus(PATIENCE);
        while (!send(authorized("programs").GET()).body().equals("[]")) {
            assertThat(Instant.now()).as("no program left within " + PATIENCE + " after the connect timeout")
                    .isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        for (long pid : launched) {
            assertThat(ended(pid)).as("process " + pid).isTrue();
        }
        for (String session : sessions) {
            awaitMasterCall("/api/v1/master/servers/it-agent/exits", "\"session\":\"" + session + "\"");
        }
        awaitMasterCall("/api/v1/master/servers/it-agent/load", "\"programs\":0", "\"capacityUsed\":0");
    }

    @Test
    void refusesALaunchNotReadyByItsDeadlineAndStopsTheProgram() throws Exception {
        // echo compiles its source first: far longer than the deadline
        HttpResponse<String> answer = launch(new LaunchInstruction(session(), "echo", "tester", 300L));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(504);
        assertThat(answer.body()).contains("\"error\":\"launch-deadline-passed\"");
        Matcher process = Pattern.compile("process ([0-9]+)").matcher(answer.body());
        if (process.find()) { // else the deadline passed before the launch's turn, and nothing was started
            assertThat(ended(Long.parseLong(process.group(1)))).as("the stopped program").isTrue();
        }
        assertThat(send(authorized("programs").GET()).body()).isEqualTo("[]");
    }

    @Test
    void aLaunchTheMasterAbandonsLeavesNothingRunning() throws Exception {
        HttpRequest abandoned = authorized("programs").timeout(Duration.ofMillis(500))
                .header("Content-Type", "application/json")
                .POST(json(new LaunchInstruction(session(), "echo", "tester", 5_000L))).build();

        assertThat(http.sendAsync(abandoned, HttpResponse.BodyHandlers.ofString()))
                .failsWithin(PATIENCE).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(HttpTimeoutException.class);

        Await.until("the launched echo runs", PATIENCE, () -> !echoPrograms().isEmpty());
        // ready after the deadline: stopped then; ready before it: answered to nobody, stopped at the connect timeout
        Await.until("no echo left", PATIENCE.plus(CONNECT_TIMEOUT), () -> echoPrograms().isEmpty());
        assertThat(send(authorized("programs").GET()).body()).isEqualTo("[]");
    }

    /** The echo programs the agent runs: descendants of this JVM, since Payara Micro is its child. */
    private static List<ProcessHandle> echoPrograms() {
        return ProcessHandle.current().descendants().filter(process -> process.info().arguments()
                .map(arguments -> List.of(arguments).stream().anyMatch(argument -> argument.endsWith("EchoServer.java")))
                .orElse(false)).toList();
    }

    private HttpResponse<String> launch(LaunchInstruction instruction) throws Exception {
        return send(authorized("programs").header("Content-Type", "application/json").POST(json(instruction)));
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(PATIENCE).header("Authorization", "Bearer " + SECRET);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.BodyPublisher json(Object message) {
        return HttpRequest.BodyPublishers.ofString(jsonb.toJson(message));
    }

    /** Always 127.0.0.1: Micro advertises "localhost", which may resolve to ::1 and reach another process. */
    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath().replaceAll("/+$", "") + "/api/" + path);
    }

    private static String session() {
        return UUID.randomUUID().toString();
    }

    private static Socket connect(Endpoint endpoint) throws IOException {
        Socket socket = new Socket(endpoint.host(), endpoint.port());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    private static boolean ended(long pid) {
        CompletableFuture<ProcessHandle> exit = ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null));
        try {
            exit.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception stillRunning) {
            return false;
        }
    }
}
