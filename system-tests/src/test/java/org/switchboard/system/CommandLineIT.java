package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.client.Switchboard;
import org.switchboard.client.SwitchboardException;

/**
 * The {@code switchboard} command line as a user runs it ({@code java -jar}, a process of its own) against a master
 * with its slave "central" in New York, slaves of their own, "edge" in Germany and "spare" in France, and a processing
 * server in Frankfurt: a terminal linked to a stdio program, a real third-party client ({@code curl}) through a
 * forwarded port to a real HTTP server (Python's), a redirect followed, the sessions it keeps listed, attached again
 * and ended, and stdio programs that outlive the slave that carried their links ("spare", killed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final String GERMANY = "eu/de/ber";
    private static final String FRANCE = "eu/fr/par";
    /** Far longer than any test: a stdio program that ends did so because its input ended, not for want of a client. */
    private static final int RECONNECT_GRACE_SECONDS = 600;
    private static final String PAGE = "served by a real HTTP server through a forwarded port " + UUID.randomUUID()
            + "\n";
    private static final Pattern SESSION = Pattern.compile("session (\\S+): ");
    private static final Pattern PID = Pattern.compile(", pid (\\d+),");

    private LocalFleet fleet;
    private String central;
    private String edge;
    private String spare;
    private final List<RunningProcess> processes = new ArrayList<>();
    private final List<Path> homes = new ArrayList<>();

    @BeforeAll
    void startFleet() throws IOException {
        Path catalog = catalog();
        fleet = new LocalFleet("cli", "us/ny", 1000).agent("fra", "eu/de/fra", 10).slave("edge", "eu/de")
                .slave("spare", "eu/fr");
        fleet.agent("fra").with("switchboard.agent.catalog", catalog.toAbsolutePath())
                .with("switchboard.agent.reconnect-grace-seconds", RECONNECT_GRACE_SECONDS);
        fleet.start();
        central = fleet.balancer().url();
        edge = fleet.slave("edge").url();
        spare = fleet.slave("spare").url();
        Api api = fleet.api();
        Eventually.await("the server and the three slaves are up", PATIENCE, () -> upCount(api, "servers") == 1
                && upCount(api, "slaves") == 3);
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** Stops what the test started and ends, with the library, every session a command line left open. */
    @AfterEach
    void stopProcessesAndEndSessions() {
        processes.forEach(RunningProcess::close);
        processes.clear();
        for (Path home : homes) {
            for (JsonObject saved : savedSessions(home)) {
                try {
                    new Switchboard(URI.create(central)).end(saved.getString("id"), saved.getString("token"));
                } catch (SwitchboardException e) {
                    // ended already
                }
            }
        }
        homes.clear();
    }

    @Test
    void aTerminalTalksToAStdioProgramAndEndOfInputEndsTheLink() {
        Path home = home();
        RunningProcess cli = switchboard(home, "run", "cat", "--slave", edge, "--location", GERMANY);

        cli.type("hello through the command line\n");
        Eventually.await("cat's answer reaches the terminal", PATIENCE,
                () -> cli.stdout().equals("hello through the command line\n"));
        cli.endInput();

        assertThat(cli.awaitExit(PATIENCE)).as(cli.stderr()).isZero();
        assertThat(cli.stderr()).contains(": cat on server fra (eu/de/fra), pid ")
                .contains("through slave edge at " + edge).doesNotContain("redirected");
        long pid = pid(cli);
        Eventually.await("cat ends with its input, long before the reconnect grace", PROMPTLY,
                () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
        String id = sessionId(cli);
        String listed = Eventually.await("ls shows that cat ended with its input", PATIENCE,
                () -> finished(home, "ls").stdout(), table -> table.contains(id) && table.contains("ended"));
        assertThat(listed).contains("cat");
        assertThat(finished(home, "ls").stderr()).as("an ended session is listed once").contains("no sessions opened here");
    }

    @Test
    void theCommandLineEndsWithZeroWhenTheProgramEnds() {
        RunningProcess cli = switchboard(home(), "run", "bash", "--slave", edge, "--location", GERMANY);

        cli.type("echo the program says goodbye; exit\n");

        assertThat(cli.awaitExit(PATIENCE)).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).isEqualTo("the program says goodbye\n");
    }

    @Test
    void curlReachesARemoteHttpServerThroughAForwardedPort() {
        int port = Ports.free();
        RunningProcess forward = switchboard(home(), "run", "http", "--slave", edge, "--location", GERMANY,
                "--forward", String.valueOf(port));
        Eventually.await("the command line listens on 127.0.0.1:" + port, PATIENCE,
                () -> forward.stderr().contains("forwarding 127.0.0.1:" + port + " to http"));

        for (int request = 1; request <= 2; request++) {
            RunningProcess curl = started(RunningProcess.of("curl", "--silent", "--show-error", "--max-time", "30",
                    "http://127.0.0.1:" + port + "/page.txt")).finish(PATIENCE);
            assertThat(curl.exitCode()).as("curl, request %d: %s", request, curl.stderr()).isZero();
            assertThat(curl.stdout()).as("request %d, each on a relay of its own", request).isEqualTo(PAGE);
        }
        assertThat(forward.stderr()).as("no connection failed").doesNotContain("connection from port");
    }

    @Test
    void aRedirectIsFollowedToTheSlaveTheMasterChose() {
        RunningProcess cli = switchboard(home(), "run", "cat", "--slave", central, "--location", GERMANY);

        cli.type("through the nearer slave\n");
        Eventually.await("cat's answer comes back through edge", PATIENCE,
                () -> cli.stdout().equals("through the nearer slave\n"));
        cli.endInput();

        assertThat(cli.awaitExit(PATIENCE)).as(cli.stderr()).isZero();
        assertThat(cli.stderr()).contains("redirected by " + central)
                .contains("through slave edge at " + edge);
    }

    @Test
    void sessionsAreListedAttachedAgainThroughAnotherSlaveRunAgainAndEnded() {
        Path home = home();
        RunningProcess opened = switchboard(home, "run", "echo", "--slave", edge, "--location", GERMANY);
        opened.type("first link\n");
        Eventually.await("the echo comes back", PATIENCE, () -> opened.stdout().equals("first link\n"));
        opened.endInput();
        assertThat(opened.awaitExit(PATIENCE)).as(opened.stderr()).isZero();
        String id = sessionId(opened);

        RunningProcess listed = finished(home, "ls");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).containsPattern(Pattern.quote(id) + "\\s+echo\\s+running\\s+\\d+\\s+"
                + Pattern.quote(edge));

        RunningProcess attached = switchboard(home, "attach", id, "--slave", central);
        attached.type("second link\n");
        Eventually.await("the same program echoes through central", PATIENCE,
                () -> attached.stdout().equals("second link\n"));
        attached.endInput();
        assertThat(attached.awaitExit(PATIENCE)).as(attached.stderr()).isZero();
        assertThat(attached.stderr()).contains("attaching to session " + id).contains("through " + central);

        RunningProcess again = switchboard(home, "run", "echo", "--slave", edge, "--location", GERMANY);
        again.type("third link\n");
        Eventually.await("running echo again links to the running session", PATIENCE,
                () -> again.stdout().equals("third link\n"));
        again.endInput();
        assertThat(again.awaitExit(PATIENCE)).as(again.stderr()).isZero();
        assertThat(again.stderr()).contains("session " + id + ": echo on server fra").contains("runs already");
        assertThat(finished(home, "ls").stdout()).as("no second session").containsOnlyOnce("echo");

        RunningProcess removed = finished(home, "rm", id);
        assertThat(removed.exitCode()).as(removed.stderr()).isZero();
        assertThat(removed.stderr()).isEqualTo("switchboard: session " + id + " ended\n");
        assertThat(finished(home, "ls").stderr()).contains("no sessions opened here");
        RunningProcess gone = finished(home, "attach", id);
        assertThat(gone.exitCode()).isEqualTo(4);
        assertThat(gone.stderr()).isEqualTo("switchboard: no session " + id
                + " was opened here (see 'switchboard ls')\n");
    }

    /**
     * Two stdio programs and a tcp one linked through "spare", which is then killed (SIGKILL: its kernel closes its
     * connections as a clean close would). All keep running; {@code attach} finds "spare" gone and links through the
     * configured slave: cat, the same process, echoes again, echo takes a new connection, and bash's output written
     * while nobody was linked arrives.
     */
    @Test
    void programsOutliveTheSlaveThatCarriedTheirLinksAndAreAttachedThroughAnother() throws IOException {
        Path home = home();
        Files.writeString(home.resolve("config.properties"), "slave=" + edge + "\n");
        RunningProcess cat = switchboard(home, "run", "cat", "--slave", spare, "--location", FRANCE);
        cat.type("before the crash\n");
        Eventually.await("cat echoes through spare", PATIENCE, () -> cat.stdout().equals("before the crash\n"));
        assertThat(cat.stderr()).contains("through slave spare at " + spare);
        RunningProcess echo = switchboard(home, "run", "echo", "--slave", spare, "--location", FRANCE);
        echo.type("a tcp program\n");
        Eventually.await("echo answers through spare", PATIENCE, () -> echo.stdout().equals("a tcp program\n"));
        RunningProcess bash = switchboard(home, "run", "bash", "--slave", spare, "--location", FRANCE);
        bash.type("echo started; sleep 4; echo \"late $((40 + 2))\"\n");
        Eventually.await("bash has started the command", PATIENCE, () -> bash.stdout().equals("started\n"));

        fleet.slave("spare").kill();

        assertThat(cat.awaitExit(PATIENCE)).as("the link failed").isEqualTo(1);
        assertThat(bash.awaitExit(PATIENCE)).as("the link failed").isEqualTo(1);
        String catId = sessionId(cat);
        long catPid = pid(cat);
        assertThat(cat.stderr()).contains("'switchboard attach " + catId + "' links to it again");
        assertThat(bash.stdout()).as("said while nobody was linked").isEqualTo("started\n");

        RunningProcess catAgain = switchboard(home, "attach", catId);
        catAgain.type("after the crash\n");
        Eventually.await("the same cat echoes through edge", PATIENCE,
                () -> catAgain.stdout().equals("after the crash\n"));
        assertThat(catAgain.stderr()).contains("no slave reachable at " + spare)
                .contains("attaching to session " + catId + ": cat on server fra, pid " + catPid + ", through "
                        + edge);
        catAgain.endInput();
        assertThat(catAgain.awaitExit(PATIENCE)).as(catAgain.stderr()).isZero();
        Eventually.await("cat ends with its input", PROMPTLY,
                () -> ProcessHandle.of(catPid).map(process -> !process.isAlive()).orElse(true));

        assertThat(echo.awaitExit(PATIENCE)).as("the link failed").isEqualTo(1);
        RunningProcess echoAgain = switchboard(home, "attach", sessionId(echo));
        echoAgain.type("the same tcp program\n");
        Eventually.await("echo answers on a new connection through edge", PATIENCE,
                () -> echoAgain.stdout().equals("the same tcp program\n"));
        assertThat(echoAgain.stderr()).contains("pid " + pid(echo) + ", through " + edge);
        echoAgain.endInput();
        assertThat(echoAgain.awaitExit(PATIENCE)).as(echoAgain.stderr()).isZero();

        RunningProcess bashAgain = switchboard(home, "attach", sessionId(bash));
        Eventually.await("what bash said meanwhile arrives", PATIENCE,
                () -> bashAgain.stdout().equals("late 42\n"));
        assertThat(bashAgain.stderr()).contains("pid " + pid(bash) + ", through " + edge);
        bashAgain.type("echo still the same shell $$; exit\n");
        assertThat(bashAgain.awaitExit(PATIENCE)).as(bashAgain.stderr()).isZero();
        assertThat(bashAgain.stdout()).isEqualTo("late 42\nstill the same shell " + pid(bash) + "\n");
    }

    @Test
    void expectedFailuresAreOneLineAndAnExitCode() {
        Path home = home();

        RunningProcess unknownApp = finished(home, "run", "no-such-app", "--slave", edge);
        assertThat(unknownApp.exitCode()).isEqualTo(4);
        assertThat(unknownApp.stderr()).startsWith("switchboard: ").contains("(unknown-application)").hasLineCount(1);

        String nowhere = "http://127.0.0.1:" + Ports.free();
        RunningProcess unreachable = finished(home, "run", "cat", "--slave", nowhere);
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.stderr()).isEqualTo("switchboard: no slave reachable at " + nowhere
                + " (connection refused)\n");

        RunningProcess usage = finished(home, "run");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).startsWith("switchboard: run needs one APP\nusage:");
    }

    private RunningProcess switchboard(Path home, String... args) {
        return started(RunningProcess.switchboard(home, args));
    }

    /** Runs the command line with no input to its end. */
    private RunningProcess finished(Path home, String... args) {
        return switchboard(home, args).finish(PATIENCE);
    }

    private RunningProcess started(RunningProcess process) {
        processes.add(process);
        return process;
    }

    /** A fresh {@code SWITCHBOARD_HOME}: its own session list. */
    private Path home() {
        try {
            Path home = Files.createTempDirectory(Files.createDirectories(MicroInstance.workdir()), "cli-home-");
            homes.add(home);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sessionId(RunningProcess cli) {
        Matcher matcher = SESSION.matcher(cli.stderr());
        assertThat(matcher.find()).as("the command line names its session: %s", cli.stderr()).isTrue();
        return matcher.group(1);
    }

    private static long pid(RunningProcess cli) {
        Matcher matcher = PID.matcher(cli.stderr());
        assertThat(matcher.find()).as("the command line names its program's pid: %s", cli.stderr()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static List<JsonObject> savedSessions(Path home) {
        Path file = home.resolve("sessions.json");
        if (!Files.exists(file)) {
            return List.of();
        }
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int upCount(Api api, String kind) {
        return (int) api.get("/api/v1/master/admin/" + kind).array().getValuesAs(JsonObject.class).stream()
                .filter(listed -> listed.getString("state").equals("up")).count();
    }

    /**
     * The catalog of this test's processing server: {@code cat} and {@code bash}, the repository's Java echo server,
     * and Python's {@code http.server} serving a page of this run (Python 3 is on a fresh Debian machine).
     */
    private static Path catalog() throws IOException {
        Path dir = Files.createDirectories(MicroInstance.workdir().resolve("cli-catalog-" + UUID.randomUUID()));
        Files.writeString(Files.createDirectories(dir.resolve("site")).resolve("page.txt"), PAGE);
        Path echoServer = LocalFleet.catalog().getParent().resolve("apps").resolve("EchoServer.java");
        var apps = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("name", "cat").add("kind", "stdio")
                        .add("argv", Json.createArrayBuilder().add("cat")))
                .add(Json.createObjectBuilder().add("name", "bash").add("kind", "stdio")
                        .add("argv", Json.createArrayBuilder().add("bash").add("--norc").add("--noprofile")))
                .add(Json.createObjectBuilder().add("name", "echo").add("kind", "tcp").add("readyTimeoutMs", 30_000)
                        .add("argv", Json.createArrayBuilder().add("{java}").add(echoServer.toString())
                                .add("{port}")))
                .add(Json.createObjectBuilder().add("name", "http").add("kind", "tcp").add("readyTimeoutMs", 30_000)
                        .add("argv", Json.createArrayBuilder().add("python3").add("-m").add("http.server")
                                .add("{port}").add("--bind").add("127.0.0.1").add("--directory")
                                .add("{catalogDir}/site")));
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, Json.createObjectBuilder().add("applications", apps).build().toString());
        return catalog;
    }
}
