package org.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.client.FakeSlave;

/** The command line's answers to failures: one line each, an exit code, never a stack trace. */
class MainTest {

    @TempDir
    Path home;

    private final FakeSlave slave = new FakeSlave();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stopSlave() {
        slave.close();
    }

    private int run(String... args) {
        Settings settings = Settings.of(Map.of("SWITCHBOARD_HOME", home.toString(),
                "SWITCHBOARD_SLAVE", slave.url().toString()), home.toString());
        return new Main(settings, new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownApplication() {
        slave.answering(request -> FakeSlave.Answer.json(400,
                "{\"error\":\"unknown-application\",\"reason\":\"no application 'nope'\"}"));

        assertThat(run("run", "nope")).isEqualTo(Main.REFUSED);
        assertThat(errors()).isEqualTo("switchboard: no application 'nope' (unknown-application)\n");
    }

    @Test
    void noCapacityWithEachServersReason() {
        slave.answering(request -> FakeSlave.Answer.json(503, "{\"error\":\"no-capacity\",\"reason\":\"nothing free\","
                + "\"servers\":[{\"server\":\"fra\",\"reason\":\"full (3 of 3)\"}]}"));

        assertThat(run("run", "cat")).isEqualTo(Main.NO_CAPACITY);
        assertThat(errors()).isEqualTo("switchboard: no capacity: nothing free\n  fra: full (3 of 3)\n");
    }

    @Test
    void aRedirectLoop() {
        slave.answering(request -> FakeSlave.redirectTo(slave, "t"));

        assertThat(run("run", "cat")).isEqualTo(Main.REDIRECT_LOOP);
        assertThat(errors()).startsWith("switchboard: redirect loop refused").hasLineCount(1);
    }

    @Test
    void noSlaveReachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThat(run("run", "cat", "--slave", "http://127.0.0.1:" + closed)).isEqualTo(Main.UNREACHABLE);
        assertThat(errors()).isEqualTo("switchboard: no slave reachable at http://127.0.0.1:" + closed
                + " (connection refused)\n");
    }

    @Test
    void aSessionNotOpenedHere() {
        assertThat(run("attach", "s-404")).isEqualTo(Main.REFUSED);
        assertThat(errors()).isEqualTo("switchboard: no session s-404 was opened here (see 'switchboard ls')\n");
        assertThat(slave.requests()).isEmpty();
    }

    @Test
    void aSessionTheFleetNoLongerKnowsIsForgotten() {
        new SessionStore(home).add(new SavedSession("s-1", "cat", "me", slave.url().toString(), "t", "relay"));
        slave.answering(request -> FakeSlave.Answer.json(404, "{\"error\":\"unknown-session\",\"reason\":\"no session s-1\"}"));

        assertThat(run("ls")).isEqualTo(Main.DONE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("s-1").contains("gone");
        assertThat(new SessionStore(home).all()).isEmpty();
    }

    @Test
    void aSessionWhoseSlaveIsGoneIsReachedThroughTheConfiguredSlave() throws IOException {
        String gone = "http://127.0.0.1:" + closedPort();
        new SessionStore(home).add(new SavedSession("s-1", "cat", "me", gone, "t", "relay"));
        slave.answering(request -> FakeSlave.Answer.json(200, "{\"id\":\"s-1\",\"app\":\"cat\",\"pid\":4242,"
                + "\"state\":\"running\"}"));

        assertThat(run("ls")).isEqualTo(Main.DONE);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("s-1\\s+cat\\s+running\\s+4242\\s+"
                + slave.url());

        assertThat(run("rm", "s-1")).isEqualTo(Main.DONE);
        assertThat(errors()).isEqualTo("switchboard: no slave reachable at " + gone + " (connection refused); trying "
                + slave.url() + "\nswitchboard: session s-1 ended\n");
        assertThat(slave.requests()).extracting(FakeSlave.Request::method).containsExactly("GET", "GET", "DELETE");
        assertThat(slave.requests()).allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer t"));
    }

    @Test
    void aSessionWhoseSlavesAreAllGoneIsUnreachable() throws IOException {
        String gone = "http://127.0.0.1:" + closedPort();
        new SessionStore(home).add(new SavedSession("s-1", "cat", "me", gone, "t", "relay"));
        slave.close();

        assertThat(run("attach", "s-1")).isEqualTo(Main.UNREACHABLE);
        assertThat(errors()).startsWith("switchboard: no slave reachable at " + gone + " (connection refused); trying "
                + slave.url() + "\nswitchboard: no slave reachable at " + slave.url()).hasLineCount(2);
        assertThat(new SessionStore(home).find("s-1")).as("still remembered").isPresent();
    }

    @Test
    void runLinksToTheRunningSessionOfTheAppOpenedHereUnlessAskedForANewOne() throws Exception {
        try (ServerSocket program = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            new SessionStore(home).add(new SavedSession("s-1", "cat", "me", slave.url().toString(), "t", "direct"));
            slave.answering(request -> request.method().equals("GET")
                    ? FakeSlave.Answer.json(200, "{\"id\":\"s-1\",\"app\":\"cat\",\"pid\":4242,"
                            + "\"server\":{\"name\":\"fra\"},\"endpoint\":{\"host\":\"127.0.0.1\",\"port\":"
                            + program.getLocalPort() + "},\"state\":\"running\"}")
                    : FakeSlave.Answer.json(400, "{\"error\":\"unknown-application\",\"reason\":\"no cat\"}"));
            Thread answering = new Thread(() -> {
                try (var link = program.accept()) {
                    link.getInputStream().readAllBytes();
                    link.getOutputStream().write("the same cat".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            answering.start();

            assertThat(run("run", "cat", "--client", "me", "--direct")).as(errors()).isEqualTo(Main.DONE);
            answering.join(10_000);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("the same cat");
            assertThat(errors()).contains("session s-1: cat on server fra, pid 4242, runs already");
            assertThat(slave.requests()).extracting(FakeSlave.Request::method).containsExactly("GET");

            assertThat(run("run", "cat", "--client", "someone-else")).as("another client's").isEqualTo(Main.REFUSED);
            assertThat(run("run", "cat", "--client", "me", "--new")).isEqualTo(Main.REFUSED);
            assertThat(slave.requests()).extracting(FakeSlave.Request::method).containsExactly("GET", "POST", "POST");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anInvalidTicket() {
        slave.answering(request -> FakeSlave.Answer.json(403, "{\"error\":\"invalid-ticket\",\"reason\":\"the ticket has expired\"}"));

        assertThat(run("run", "cat")).isEqualTo(Main.REFUSED);
        assertThat(errors()).isEqualTo("switchboard: the ticket has expired (invalid-ticket)\n");
    }

    @Test
    void wrongArgumentsGetTheUsage() {
        assertThat(run("run")).isEqualTo(Main.USAGE);
        assertThat(errors()).startsWith("switchboard: run needs one APP\nusage: switchboard run APP");
    }
}
