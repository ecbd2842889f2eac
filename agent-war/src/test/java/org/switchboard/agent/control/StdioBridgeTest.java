package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Endpoint;

/** The bridge between real programs and real loopback clients that come, drop and come back. */
class StdioBridgeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final String SESSION = "s-bridge";

    private final List<Process> started = new ArrayList<>();
    private final List<StdioBridge> bridges = new ArrayList<>();
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        bridges.forEach(StdioBridge::close);
    }

    @Test
    void aDroppedClientComesBackToTheSameProgramAndGetsWhatItMissed() throws IOException {
        // answers one second after each line, so that the answer comes while nobody is linked
        StdioBridge bridge = bridge("sh", "-c", "while read line; do sleep 1; echo \"$$ $line\"; done");
        clock.set(NOW);
        long pid = started.get(0).pid();

        Socket first = connect(bridge);
        first.getOutputStream().write("first\n".getBytes(StandardCharsets.UTF_8));
        abort(first);
        Await.until("the drop is seen", PATIENCE, () -> bridge.clientGoneSince().isPresent());
        assertThat(bridge.clientGoneSince()).contains(NOW);
        long relayedBefore = bridge.relayedBytes().orElseThrow();
        Await.until("the answer went into the backlog", PATIENCE,
                () -> bridge.relayedBytes().orElseThrow() > relayedBefore);

        try (Socket second = connect(bridge)) {
            BufferedReader lines = lines(second);
            assertThat(lines.readLine()).as("what the program said meanwhile").isEqualTo(pid + " first");
            second.getOutputStream().write("second\n".getBytes(StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo(pid + " second");
            assertThat(bridge.clientGoneSince()).isEmpty();
        }
    }

    @Test
    void aNewConnectionTakesOverFromTheCurrentOne() throws IOException {
        StdioBridge bridge = bridge("cat");

        try (Socket stale = connect(bridge)) {
            assertThat(LauncherTest.roundTrip(stale, "one")).isEqualTo("one");
            try (Socket fresh = connect(bridge)) {
                assertThat(LauncherTest.roundTrip(fresh, "two")).isEqualTo("two");
                assertThat(stale.getInputStream().read()).as("the stale link is closed").isEqualTo(-1);
            }
        }
    }

    @Test
    void theEndOfInputFrameEndsTheProgramsInput() throws IOException {
        StdioBridge bridge = bridge("cat");

        try (Socket link = connect(bridge)) {
            link.getOutputStream().write("last words".getBytes(StandardCharsets.UTF_8));
            link.shutdownOutput();

            assertThat(new String(link.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("last words");
        }
        assertThat(Await.ended(started.get(0).pid(), PATIENCE)).isTrue();
        assertThat(bridge.clientGoneSince()).as("the program ended: nobody waits").isEmpty();
    }

    @Test
    void aCloseWithoutTheEndOfInputIsALinkThatDropped() throws IOException {
        // a slave that dies: its kernel closes the connection with a FIN, like a clean close
        StdioBridge bridge = bridge("cat");
        clock.set(NOW);
        long pid = started.get(0).pid();

        Socket first = connect(bridge);
        assertThat(LauncherTest.roundTrip(first, "before\n")).isEqualTo("before\n");
        first.close();
        Await.until("the drop is seen", PATIENCE, () -> bridge.clientGoneSince().isPresent());

        assertThat(ProcessHandle.of(pid)).get().as("cat still has its input").matches(ProcessHandle::isAlive);
        try (Socket second = connect(bridge)) {
            assertThat(LauncherTest.roundTrip(second, "after\n")).isEqualTo("after\n");
            second.shutdownOutput();
            assertThat(second.getInputStream().read()).as("the end of input ends cat").isEqualTo(-1);
        }
        assertThat(Await.ended(pid, PATIENCE)).isTrue();
    }

    @Test
    void aConnectionWithoutTheSessionsProofIsToldAndClosedAndTheLinkStays() throws IOException {
        StdioBridge bridge = bridge("cat");

        try (Socket link = connect(bridge)) {
            assertThat(LauncherTest.roundTrip(link, "one")).isEqualTo("one");
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port(bridge))) {
                raw.setSoTimeout((int) PATIENCE.toMillis());
                raw.getOutputStream().write("hello, is anybody there?\n".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                        .isEqualTo(StdioBridge.REFUSAL);
            }
            try (Socket otherSession = RelaySide.connect(endpoint(bridge), "another-session", PATIENCE)) {
                assertThat(otherSession.getInputStream().readAllBytes()).asString(StandardCharsets.US_ASCII)
                        .isEqualTo(StdioBridge.REFUSAL);
            }
            assertThat(LauncherTest.roundTrip(link, "two")).as("the link was not taken over").isEqualTo("two");
            assertThat(bridge.clientGoneSince()).isEmpty();
        }
    }

    @Test
    void aHandedOverProgramAdmitsItsNewSessionOnly() throws IOException {
        StdioBridge bridge = bridge("cat");

        bridge.handedTo("the-new-session");

        try (Socket old = RelaySide.connect(endpoint(bridge), SESSION, PATIENCE)) {
            assertThat(old.getInputStream().readAllBytes()).asString(StandardCharsets.US_ASCII)
                    .isEqualTo(StdioBridge.REFUSAL);
        }
        try (Socket link = RelaySide.connect(endpoint(bridge), "the-new-session", PATIENCE)) {
            assertThat(LauncherTest.roundTrip(link, "mine")).isEqualTo("mine");
        }
    }

    @Test
    void theBacklogKeepsTheNewestBytes() {
        StdioBridge.Backlog backlog = new StdioBridge.Backlog(8);
        backlog.add("abcdef".getBytes(StandardCharsets.US_ASCII), 6);
        backlog.add("ghijkl".getBytes(StandardCharsets.US_ASCII), 4);

        assertThat(new String(backlog.drain(), StandardCharsets.US_ASCII)).isEqualTo("cdefghij");
        assertThat(backlog.dropped()).isEqualTo(2);
        assertThat(backlog.drain()).isEmpty();

        backlog.add("0123456789".getBytes(StandardCharsets.US_ASCII), 10);
        backlog.putBack("xy".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(backlog.drain(), StandardCharsets.US_ASCII)).isEqualTo("23456789");
    }

    private StdioBridge bridge(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        StdioBridge bridge = new StdioBridge(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), process,
                task -> new Thread(task).start(), new byte[0], clock, RelaySide.LINK, SESSION);
        bridges.add(bridge);
        bridge.start();
        return bridge;
    }

    private static Socket connect(StdioBridge bridge) throws IOException {
        return RelaySide.connect(endpoint(bridge), SESSION, PATIENCE);
    }

    private static Endpoint endpoint(StdioBridge bridge) {
        return new Endpoint("127.0.0.1", bridge.port());
    }

    private static int port(StdioBridge bridge) {
        return bridge.port();
    }

    /** A link that drops: the connection is reset, not closed. */
    private static void abort(Socket link) throws IOException {
        link.setSoLinger(true, 0);
        link.close();
    }

    private static BufferedReader lines(Socket link) throws IOException {
        return new BufferedReader(new InputStreamReader(link.getInputStream(), StandardCharsets.UTF_8));
    }
}
