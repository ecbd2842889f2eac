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
 * with its slave "central" in New York, a slave of its own, "edge", in Germany, and a processing server in Frankfurt:
 * a terminal linked to a stdio program, a real third-party client ({@code curl}) through a forwarded port to a real
 * HTTP server (Python's), a redirect followed, and the sessions it keeps listed, attached again and ended.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String GERMANY = "eu/de/ber";
    private static final String PAGE = "served by a real HTTP server through a forwarded port " + UUID.randomUUID()
            + "\n";
    private static final Pattern SESSION = Pattern.compile("session (\\S+): ");

    private LocalFleet fleet;
    private String central;
    private String edge;
    private final List<RunningProcess> processes = new ArrayList<>();
    private final List<Path> homes = new ArrayList<>();

    @BeforeAll
    void startFleet() throws IOException {
        Path catalog = catalog();
        fleet = new LocalFleet("cli", "us/ny", 1000).agent("fra", "eu/de/fra", 10).slave("edge", "eu/de");
        fleet.agent("fra").with("switchboard.agent.catalog", catalog.toAbsolutePath());
        fleet.start();
        central = fleet.balancer().url();
        edge = fleet.slave("edge").url();
        Api api = fleet.api();
        Eventually.await("the server and both slaves are up", PATIENCE, () -> upCount(api, "servers") == 1
                && upCount(api, "slaves") == 2);
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
    void sessionsAreListedAttachedAgainThroughAnotherSlaveAndEnded() {
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

        RunningProcess removed = finished(home, "rm", id);
        assertThat(removed.exitCode()).as(removed.stderr()).isZero();
        assertThat(removed.stderr()).isEqualTo("switchboard: session " + id + " ended\n");
        assertThat(finished(home, "ls").stderr()).contains("no sessions opened here");
        RunningProcess gone = finished(home, "attach", id);
        assertThat(gone.exitCode()).isEqualTo(4);
        assertThat(gone.stderr()).isEqualTo("switchboard: no session " + id
                + " was opened here (see 'switchboard ls')\n");
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
