package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.protocol.SharedSecret;

/** Talks to a small real HTTP server on loopback that plays the master. */
class LoadReporterTest {

    private static final SharedSecret SECRET = new SharedSecret("a-test-secret-of-some-length");
    private static final Executor NOW = Runnable::run;

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final ProgramRegistry registry = new ProgramRegistry(Duration.ofSeconds(1), NOW, (program, code) -> { },
            new ProgramJournal(Path.of("target", "load-reporter-test.programs")));
    private final LoadMeter meter = new LoadMeter("berlin-1", registry,
            ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class));
    private HttpServer master;
    private volatile int loadStatus = 204;
    /** What the master answers to an exit; a registration sets it back to 204 when it was 404. */
    private volatile int exitStatus = 204;
    private volatile int registerStatus = 204;

    @AfterEach
    void stopMaster() {
        if (master != null) {
            master.stop(0);
        }
    }

    @Test
    void registersThenReports() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        meter.countLaunchOrder();

        reporter.tick();
        reporter.tick();

        assertThat(calls).hasSize(3);
        assertThat(calls.poll()).startsWith("POST /api/v1/master/servers Bearer a-test-secret-of-some-length")
                .contains("\"server\":\"berlin-1\"", "\"location\":\"eu/de/ber\"", "\"applications\":[\"cat\"]");
        assertThat(calls.poll()).startsWith("POST /api/v1/master/servers/berlin-1/load")
                .contains("\"launchOrders\":1", "\"programs\":0");
        assertThat(calls.poll()).startsWith("POST /api/v1/master/servers/berlin-1/load");
    }

    @Test
    void registersAgainWhenTheMasterForgotThisServer() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        reporter.tick();
        calls.clear();
        loadStatus = 404;

        reporter.tick();

        assertThat(calls).extracting(call -> call.substring(0, call.indexOf(" Bearer"))).containsExactly(
                "POST /api/v1/master/servers/berlin-1/load",
                "POST /api/v1/master/servers",
                "POST /api/v1/master/servers/berlin-1/load");
    }

    @Test
    void reportsSoonAfterLaunchesOnceForAllOfThemAndOtherwiseAtTheInterval() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        reporter.tick();
        calls.clear();

        reporter.tickIfDue();
        assertThat(calls).as("nothing happened and the interval has not passed").isEmpty();

        for (int i = 0; i < 5; i++) {
            reporter.soon();
        }
        reporter.tickIfDue();
        reporter.tickIfDue();
        assertThat(calls).as("one report for the five launches").hasSize(1)
                .allMatch(call -> call.startsWith("POST /api/v1/master/servers/berlin-1/load"));
    }

    @Test
    void reportsAtTheIntervalWithoutLaunches() throws IOException {
        LoadReporter reporter = reporter(startMaster(), Duration.ZERO);
        reporter.tick();
        calls.clear();

        reporter.tickIfDue();

        assertThat(calls).hasSize(1).allMatch(call -> call.startsWith("POST /api/v1/master/servers/berlin-1/load"));
    }

    @Test
    void reportsAnExitAndTheLoadAfterIt() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        reporter.tick();
        calls.clear();
        Program ended = SampleCatalogs.program("s-1", new ProcessBuilder("true").start());
        ended.ending(EndReason.IDLE);

        reporter.programExited(ended, 0);
        reporter.tickIfDue();

        assertThat(calls.poll()).startsWith("POST /api/v1/master/servers/berlin-1/exits")
                .contains("\"session\":\"s-1\"", "\"exitCode\":0", "\"reason\":\"idle\"");
        assertThat(calls.poll()).startsWith("POST /api/v1/master/servers/berlin-1/load");
    }

    @Test
    void tellsTheSessionsAPreviousRunLeftOnceRegisteredAndOnlyOnce() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        reporter.leftoversEnded(List.of("s-old-1", "s-old-2"));

        reporter.tick();
        reporter.tick();

        assertThat(calls).extracting(call -> call.substring(0, call.indexOf(" Bearer"))).containsExactly(
                "POST /api/v1/master/servers",
                "POST /api/v1/master/servers/berlin-1/exits",
                "POST /api/v1/master/servers/berlin-1/load",
                "POST /api/v1/master/servers/berlin-1/load");
        assertThat(calls).filteredOn(call -> call.contains("/exits")).singleElement().asString()
                .contains("[{", "\"session\":\"s-old-1\"", "\"reason\":\"left-by-dead-agent\"",
                        "\"session\":\"s-old-2\"");
    }

    /** The master ends the sessions of one message in one transaction: many exits are not as many calls. */
    @Test
    void exitsGoToTheMasterManyInOneMessageOldestFirst() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        List<String> sessions = IntStream.range(0, LoadReporter.EXITS_PER_MESSAGE + 50).mapToObj(i -> "s-" + i)
                .toList();
        reporter.leftoversEnded(sessions);

        reporter.tick();

        assertThat(calls).extracting(call -> call.substring(0, call.indexOf(" Bearer"))).containsExactly(
                "POST /api/v1/master/servers",
                "POST /api/v1/master/servers/berlin-1/exits",
                "POST /api/v1/master/servers/berlin-1/exits",
                "POST /api/v1/master/servers/berlin-1/load");
        List<String> told = calls.stream().filter(call -> call.contains("/exits"))
                .flatMap(call -> Pattern.compile("\"session\":\"([^\"]+)\"").matcher(call).results())
                .map(match -> match.group(1)).toList();
        assertThat(told).containsExactlyElementsOf(sessions);
        assertThat(reporter.untoldExits()).isZero();
    }

    /**
     * A report that fails unexpectedly (the platform's CPU reading throws, say) must not end the schedule that runs
     * the reports: the master would take this server out of selection for good.
     */
    @Test
    void anUnexpectedFailureOfAReportDoesNotStopTheNextOnes() throws IOException {
        AtomicInteger readings = new AtomicInteger();
        OperatingSystemMXBean platform = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        OperatingSystemMXBean failingOnce = (OperatingSystemMXBean) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {OperatingSystemMXBean.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCpuLoad") && readings.getAndIncrement() == 0) {
                        throw new IllegalStateException("cannot read the CPU load");
                    }
                    return method.invoke(platform, args);
                });
        LoadReporter reporter = reporter(startMaster(), Duration.ZERO,
                new LoadMeter("berlin-1", registry, failingOnce));

        reporter.tickIfDue();
        reporter.tickIfDue();

        assertThat(calls).extracting(call -> call.substring(0, call.indexOf(" Bearer"))).containsExactly(
                "POST /api/v1/master/servers",
                "POST /api/v1/master/servers/berlin-1/load");
    }

    /** An exit during a master's outage or restart would otherwise leave its session running there for good. */
    @Test
    void anExitTheMasterCouldNotTakeIsToldOnceItCan() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        reporter.tick();
        Program ended = SampleCatalogs.program("s-2", new ProcessBuilder("true").start());
        ended.ending(EndReason.EXITED);
        exitStatus = 503; // the master's database is away, say

        reporter.programExited(ended, 3);
        reporter.tick();

        assertThat(reporter.untoldExits()).isEqualTo(1);
        calls.clear();
        exitStatus = 204;

        reporter.tick();

        assertThat(reporter.untoldExits()).isZero();
        assertThat(calls).extracting(call -> call.substring(0, call.indexOf(" Bearer"))).containsExactly(
                "POST /api/v1/master/servers/berlin-1/exits",
                "POST /api/v1/master/servers/berlin-1/load");
        assertThat(calls.peek()).contains("\"session\":\"s-2\"", "\"exitCode\":3", "\"reason\":\"exited\"");
    }

    /** A master that stays away must not fill the agent's memory: beyond what is kept, the oldest exits go. */
    @Test
    void aMasterThatDoesNotTakeExitsGetsTheNewestOnesKeptWhenItComesBack() throws IOException {
        LoadReporter reporter = reporter(startMaster(), Duration.ofHours(1), meter, 3);
        reporter.tick();
        exitStatus = 503;
        reporter.leftoversEnded(List.of("s-1", "s-2"));
        reporter.tick();
        reporter.leftoversEnded(List.of("s-3", "s-4", "s-5"));
        assertThat(reporter.untoldExits()).isEqualTo(5);

        calls.clear();
        exitStatus = 204;
        reporter.tick();

        assertThat(reporter.untoldExits()).isZero();
        assertThat(calls).filteredOn(call -> call.contains("/exits")).singleElement().asString()
                .contains("\"s-3\"", "\"s-4\"", "\"s-5\"").doesNotContain("\"s-1\"", "\"s-2\"");
    }

    /** A restarted master no longer knows this server: the exit is told after registering again, not dropped. */
    @Test
    void anExitAMasterAnswersWithUnknownServerIsToldAfterRegisteringAgain() throws IOException {
        LoadReporter reporter = reporter(startMaster());
        reporter.tick();
        calls.clear();
        exitStatus = 404;
        Program ended = SampleCatalogs.program("s-3", new ProcessBuilder("true").start());
        ended.ending(EndReason.EXITED);

        reporter.programExited(ended, 0);
        reporter.tickIfDue();

        assertThat(reporter.untoldExits()).isZero();
        assertThat(calls).extracting(call -> call.substring(0, call.indexOf(" Bearer"))).containsExactly(
                "POST /api/v1/master/servers/berlin-1/exits",
                "POST /api/v1/master/servers",
                "POST /api/v1/master/servers/berlin-1/exits",
                "POST /api/v1/master/servers/berlin-1/load");
    }

    /**
     * A master that does not take the registration (one still deploying its application answers 404) is asked again
     * at the interval, not at every tick: the exits waiting to be told do not make the agent call it four times a
     * second.
     */
    @Test
    void aRegistrationTheMasterDoesNotTakeIsTriedAgainAtTheInterval() throws IOException {
        registerStatus = 404;
        LoadReporter reporter = reporter(startMaster());
        Program ended = SampleCatalogs.program("s-4", new ProcessBuilder("true").start());
        ended.ending(EndReason.EXITED);
        reporter.programExited(ended, 0);

        reporter.tickIfDue();
        reporter.tickIfDue();

        assertThat(calls).singleElement().asString().startsWith("POST /api/v1/master/servers Bearer");
        assertThat(reporter.registered()).isFalse();
        assertThat(reporter.untoldExits()).isEqualTo(1);
    }

    @Test
    void survivesAMasterThatIsDown() throws IOException {
        URI nobodyListens;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = URI.create("http://127.0.0.1:" + probe.getLocalPort());
        }
        LoadReporter reporter = reporter(nobodyListens);

        reporter.tick();
        reporter.tick();

        assertThat(reporter.registered()).isFalse();
    }

    private LoadReporter reporter(URI masterUrl) {
        return reporter(masterUrl, Duration.ofHours(1));
    }

    private LoadReporter reporter(URI masterUrl, Duration interval) {
        return reporter(masterUrl, interval, meter);
    }

    private LoadReporter reporter(URI masterUrl, Duration interval, LoadMeter meter) {
        return reporter(masterUrl, interval, meter, LoadReporter.UNTOLD_KEPT);
    }

    private LoadReporter reporter(URI masterUrl, Duration interval, LoadMeter meter, int untoldKept) {
        MasterClient client = new MasterClient(masterUrl, SECRET, HttpClient.newHttpClient(), JsonbBuilder.create(),
                Duration.ofSeconds(5));
        return new LoadReporter(client,
                new ServerRegistration("berlin-1", "http://127.0.0.1:1/agent", "eu/de/ber", 4, List.of("cat")), meter,
                interval, untoldKept);
    }

    private URI startMaster() throws IOException {
        master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        master.createContext("/api/v1/master/servers", exchange -> {
            String path = exchange.getRequestURI().getPath();
            calls.add(exchange.getRequestMethod() + " " + path + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = path.endsWith("/load") ? loadStatus : path.endsWith("/exits") ? exitStatus : registerStatus;
            if (path.endsWith("/api/v1/master/servers")) {
                loadStatus = 204;
                exitStatus = exitStatus == 404 ? 204 : exitStatus;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        master.start();
        return URI.create("http://127.0.0.1:" + master.getAddress().getPort());
    }
}
