package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Kind;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;

/** Starts real programs and talks to them over real loopback sockets. */
class LauncherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final List<Program> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(program -> program.stop(EndReason.STOPPED, GRACE));
    }

    private Program launch(Catalog catalog, String app, String session) {
        Launcher launcher = SampleCatalogs.launcher(catalog, GRACE);
        Program program = launcher.launch(new LaunchOrder(session, app, "tester"));
        started.add(program);
        return program;
    }

    @Test
    void bridgesAStdioProgramToItsClient() throws IOException {
        Program cat = launch(SampleCatalogs.of(SampleCatalogs.cat()), "cat", "s-cat");

        try (Socket link = connect(cat)) {
            byte[] payload = bytes(200_000);
            OutputStream toCat = link.getOutputStream();
            toCat.write(payload);
            link.shutdownOutput();

            assertThat(link.getInputStream().readAllBytes()).isEqualTo(payload);
        }
        assertThat(Await.ended(cat.pid(), PATIENCE)).as("cat ends once its input ends").isTrue();
    }

    @Test
    void deliversAllOutputOfAStdioProgramThatEndsOnItsOwn() throws IOException {
        String seq = "{\"name\":\"count\",\"kind\":\"stdio\",\"argv\":[\"seq\",\"1\",\"20000\"]}";
        Program count = launch(SampleCatalogs.of(seq), "count", "s-count");

        try (Socket link = connect(count)) {
            String output = new String(link.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(output).startsWith("1\n2\n").endsWith("\n19999\n20000\n");
        }
    }

    @Test
    void launchesATcpProgramAndAnswersOnceItListens() throws IOException {
        Program echo = launch(SampleCatalogs.repository(), "echo", "s-echo");

        assertThat(ProcessHandle.of(echo.pid())).get().matches(ProcessHandle::isAlive);
        try (Socket first = connect(echo); Socket second = connect(echo)) {
            assertThat(roundTrip(second, "second")).isEqualTo("second");
            assertThat(roundTrip(first, "first")).isEqualTo("first");
        }
    }

    @Test
    void explainsAProgramThatEndsBeforeItIsReady() {
        assertThatThrownBy(() -> launch(SampleCatalogs.of(SampleCatalogs.failing()), "failing", "s-failing"))
                .isInstanceOfSatisfying(LaunchException.class, refused -> {
                    assertThat(refused.problem()).isEqualTo(LaunchProblem.EXITED_BEFORE_READY);
                    assertThat(refused.getMessage()).contains("code 3").contains("cannot bind port");
                });
    }

    @Test
    void stopsAProgramThatNeverGetsReady() {
        List<Long> before = sleepers();

        assertThatThrownBy(() -> launch(SampleCatalogs.of(SampleCatalogs.deaf(300)), "deaf", "s-deaf"))
                .isInstanceOfSatisfying(LaunchException.class,
                        refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.NOT_READY));
        assertThat(sleepers()).isEqualTo(before);
    }

    @Test
    void launchesOnlyCatalogApplications() {
        assertThatThrownBy(() -> launch(SampleCatalogs.of(SampleCatalogs.cat()), "sh", "s-sh"))
                .isInstanceOfSatisfying(LaunchException.class,
                        refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.UNKNOWN_APPLICATION));
    }

    @Test
    void reportsAProgramThatCannotStart() {
        String missing = "{\"name\":\"missing\",\"kind\":\"stdio\",\"argv\":[\"/no/such/program\"]}";

        assertThatThrownBy(() -> launch(SampleCatalogs.of(missing), "missing", "s-missing"))
                .isInstanceOfSatisfying(LaunchException.class,
                        refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.START_FAILED));
    }

    /** Our own children running "sleep 600 ...": the never-ready program of these tests. */
    private static List<Long> sleepers() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(args -> args.length > 0 && args[0].equals("600"))
                        .orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** Connects as a slave's relay does: to a stdio program with its session's link proof, to a tcp one as it is. */
    static Socket connect(Program program) throws IOException {
        Endpoint endpoint = program.endpoint();
        if (program.kind() == Kind.STDIO) {
            return RelaySide.connect(endpoint, program.session(), PATIENCE);
        }
        Socket socket = new Socket(endpoint.host(), endpoint.port());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    static String roundTrip(Socket socket, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(sent);
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(sent.length), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
