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
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge between real programs and real loopback clients that come, drop and come back. */
class StdioBridgeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

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
    void aCleanEndOfTheClientsInputEndsTheProgramsInput() throws IOException {
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
                Executors.defaultThreadFactory(), new byte[0], clock);
        bridges.add(bridge);
        bridge.start();
        return bridge;
    }

    private static Socket connect(StdioBridge bridge) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(bridge));
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
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
