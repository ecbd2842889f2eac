package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;
import org.switchboard.agent.entity.Screen;
import org.switchboard.protocol.Endpoint;

/**
 * Desktop applications launched as the agent launches them, with the real Xvfb, x11vnc and xterm (install-packages.sh):
 * the three run in the program's session, the endpoint speaks RFB with the catalog's screen size, and however the
 * desktop ends, none of them nor the display's socket is left behind.
 */
class DesktopSessionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Path X11_SOCKETS = Path.of("/tmp/.X11-unix");

    @TempDir
    Path state;

    private final List<Program> started = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /** Whatever a test started goes, even when the test failed half-way. */
    @AfterEach
    void stopEverythingStarted() {
        ProcessGroup.stop(started.stream().map(Program::leader).toList(), Duration.ofMillis(100));
        Sessions.kill(started.stream().map(Program::pid).toList());
        executor.shutdownNow();
    }

    private Program launch(Catalog catalog, String app, String session) {
        Program program = SampleCatalogs.launcher(catalog, GRACE).launch(new LaunchOrder(session, app, "tester"));
        started.add(program);
        return program;
    }

    @Test
    void aDesktopRunsItsDisplayVncServerAndProgramInItsSessionAndLeavesNothingWhenStopped() throws IOException {
        Program xterm = launch(SampleCatalogs.of(SampleCatalogs.xterm("640x400")), "xterm", "s-xterm");

        assertThat(xterm.endpoint().host()).isEqualTo("127.0.0.1");
        assertThat(serverInit(xterm.endpoint())).as("the catalog's screen, over RFB").isEqualTo(new Screen(640, 400));
        Map<String, ProcessHandle> members = members(xterm);
        assertThat(members).containsKeys("bash", "Xvfb", "x11vnc", "xterm");
        assertThat(members.get("bash").pid()).as("the script leads the session").isEqualTo(xterm.pid());
        int display = display(members.get("x11vnc"));
        assertThat(X11_SOCKETS.resolve("X" + display)).exists();

        xterm.stop(EndReason.STOPPED, GRACE);

        members.forEach((name, process) -> assertThat(Await.ended(process.pid(), PATIENCE)).as(name).isTrue());
        assertNoTraceOf(display);
    }

    @Test
    void whenTheXProgramEndsTheDesktopEndsWithItsExitCode() throws IOException {
        Path quit = state.resolve("quit");
        String waitsForQuit = "{\"name\":\"waiter\",\"kind\":\"desktop\",\"argv\":[\"sh\",\"-c\","
                + "\"while [ ! -e \\\"$0\\\" ]; do sleep 0.05; done; exit 3\",\"" + quit + "\"]}";
        Program waiter = launch(SampleCatalogs.of(waitsForQuit), "waiter", "s-waiter");
        Map<String, ProcessHandle> members = members(waiter);
        assertThat(members).containsKeys("bash", "Xvfb", "x11vnc");
        int display = display(members.get("x11vnc"));

        Files.createFile(quit);

        assertThat(waiter.exit().orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join())
                .as("the X program's exit code").isEqualTo(3);
        assertThat(Sessions.processes(waiter.pid())).as("what is left of the session").isEmpty();
        assertNoTraceOf(display);
    }

    @Test
    void desktopsStartedTogetherGetDisplaysOfTheirOwn() {
        Catalog catalog = SampleCatalogs.of(SampleCatalogs.xterm("320x200"));
        List<CompletableFuture<Program>> launches = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> launch(catalog, "xterm", "s-many-" + i), executor))
                .toList();
        List<Program> desktops = launches.stream().map(CompletableFuture::join).toList();

        List<Integer> displays = desktops.stream().map(desktop -> display(members(desktop).get("x11vnc"))).toList();

        assertThat(displays).doesNotHaveDuplicates();
        desktops.forEach(desktop -> assertThat(serverInit(desktop.endpoint())).isEqualTo(new Screen(320, 200)));
        ProcessGroup.stop(desktops.stream().map(Program::leader).toList(), GRACE);
        displays.forEach(this::assertNoTraceOf);
    }

    @Test
    void aDesktopLeftByAPreviousAgentIsStoppedWithItsDisplay() {
        Program left = launch(SampleCatalogs.of(SampleCatalogs.xterm("320x200")), "xterm", "s-left");
        Map<String, ProcessHandle> members = members(left);
        int display = display(members.get("x11vnc"));
        new ProgramJournal(state.resolve("agent-1.programs")).write(List.of(left));

        List<String> ended = new ProgramJournal(state.resolve("agent-1.programs")).stopLeftovers(GRACE);

        assertThat(ended).containsExactly("s-left");
        members.forEach((name, process) -> assertThat(Await.ended(process.pid(), PATIENCE)).as(name).isTrue());
        assertNoTraceOf(display);
    }

    @Test
    void refusesADesktopItCannotRun() {
        String missing = "{\"name\":\"missing\",\"kind\":\"desktop\",\"argv\":[\"/no/such/program\"]}";
        String withoutXvfb = "{\"name\":\"bare\",\"kind\":\"desktop\",\"argv\":[\"/usr/bin/xterm\"],"
                + "\"env\":{\"PATH\":\"" + state + "\"}}";
        Catalog catalog = SampleCatalogs.of(missing, withoutXvfb, SampleCatalogs.xterm("320x200"));

        assertThatThrownBy(() -> launch(catalog, "missing", "s-missing")).isInstanceOfSatisfying(LaunchException.class,
                refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.START_FAILED))
                .hasMessageContaining("/no/such/program is not an executable program");
        assertThatThrownBy(() -> launch(catalog, "bare", "s-bare")).isInstanceOf(LaunchException.class)
                .hasMessageContaining("Xvfb is not an executable program on the PATH (Debian package xvfb");
        Launcher reachedFromElsewhere = new Launcher(catalog, "192.0.2.1", Launcher.currentJava(),
                ProcessGroup.setsid(), task -> new Thread(task).start(), Clock.systemUTC(), GRACE, RelaySide.LINK);
        assertThatThrownBy(() -> reachedFromElsewhere.launch(new LaunchOrder("s-far", "xterm", "tester")))
                .isInstanceOf(LaunchException.class).hasMessageContaining("has no password");
    }

    /** The processes of the program's session by program name, once all of them run. */
    private static Map<String, ProcessHandle> members(Program desktop) {
        Await.until("the desktop's processes run", PATIENCE, () -> byName(desktop).size() >= 4);
        return byName(desktop);
    }

    private static Map<String, ProcessHandle> byName(Program desktop) {
        return Sessions.processes(desktop.pid()).stream().filter(process -> process.info().command().isPresent())
                .collect(Collectors.toMap(process -> Path.of(process.info().command().orElseThrow()).getFileName()
                        .toString(), process -> process, (first, second) -> first));
    }

    /** The display number the VNC server shows: its {@code -display :N}. */
    private static int display(ProcessHandle x11vnc) {
        List<String> arguments = Arrays.asList(x11vnc.info().arguments().orElseThrow());
        return Integer.parseInt(arguments.get(arguments.indexOf("-display") + 1).substring(1));
    }

    private void assertNoTraceOf(int display) {
        Await.until("display :" + display + "'s socket is gone", PATIENCE,
                () -> !Files.exists(X11_SOCKETS.resolve("X" + display)));
        assertThat(Path.of("/tmp/.X" + display + "-lock")).doesNotExist();
    }

    /** The RFB handshake up to the server's init message (security type None): the screen size it announces. */
    static Screen serverInit(Endpoint endpoint) {
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String version = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(version).isEqualTo("RFB 003.008\n");
            out.write(version.getBytes(StandardCharsets.US_ASCII));
            byte[] securityTypes = in.readNBytes(in.readUnsignedByte());
            assertThat(securityTypes).as("security type None").contains(1);
            out.write(1);
            assertThat(in.readInt()).as("security result").isZero();
            out.write(1); // ClientInit: shared
            return new Screen(in.readUnsignedShort(), in.readUnsignedShort());
        } catch (IOException e) {
            throw new AssertionError("no RFB handshake with " + endpoint, e);
        }
    }
}
