package org.switchboard.slave.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.Refusal;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.RelayTokens;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.StdioLink;

/** Links prepared for arriving clients, against a real socket standing in for a stdio program's bridge. */
class PreparedLinksTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final long HOLD_MILLIS = 3_000;
    private static final String TOKEN = "the-clients-relay-token";

    private final StdioLink stdioLink = new StdioLink(new SharedSecret("a secret of the fleet in this test"));
    private final MovingClock clock = new MovingClock();
    private final AtomicInteger connections = new AtomicInteger();
    private final PreparedLinks links = new PreparedLinks(clock, program -> {
        connections.incrementAndGet();
        return Link.connect(program, stdioLink);
    });
    private final ServerSocket bridge = bridge();

    @AfterEach
    void closeAll() throws IOException {
        links.close();
        bridge.close();
    }

    @Test
    void linksToAStdioProgramAheadWithTheSessionsProof() throws IOException {
        assertThat(links.prepare(arrival("session-a", "stdio"))).isTrue();

        try (Socket accepted = bridge.accept()) {
            StdioLink.Frame hello = StdioLink.read(accepted.getInputStream());
            assertThat(hello.type()).isEqualTo(StdioLink.HELLO);
            assertThat(stdioLink.admits("session-a", hello.bytes())).isTrue();
        }
        assertThat(links.counts()).isEqualTo(new PreparedLinks.Counts(1, 0, 0));
    }

    @Test
    void theClientWithTheTokenTakesItsLinkOnce() throws IOException {
        links.prepare(arrival("session-a", "stdio"));
        assertThat(links.holds("session-a", TOKEN)).isTrue();

        PreparedLinks.PreparedLink taken = links.claim("session-a", TOKEN).orElseThrow();
        assertThat(links.holds("session-a", TOKEN)).as("taken").isFalse();
        assertThat(taken.program().session()).isEqualTo("session-a");
        assertThat(taken.socket().isConnected() && !taken.socket().isClosed()).isTrue();
        assertThat(links.claim("session-a", TOKEN)).as("taken once").isEmpty();
        assertThat(links.counts()).isEqualTo(new PreparedLinks.Counts(0, 1, 0));

        clock.now = NOW.plusSeconds(60);
        links.closeExpired(clock.instant());
        assertThat(taken.socket().isClosed()).as("a taken link is the relay's, not expired").isFalse();
        taken.socket().close();
    }

    @Test
    void aWrongTokenTakesNothingAndTheLinkStaysForTheRightOne() {
        links.prepare(arrival("session-a", "stdio"));

        assertThat(links.holds("session-a", "someone-elses-token")).isFalse();
        assertThat(links.claim("session-a", "someone-elses-token")).isEmpty();
        assertThat(links.claim("session-a", null)).isEmpty();
        assertThat(links.claim("session-b", TOKEN)).as("another session").isEmpty();
        assertThat(links.claim("session-a", TOKEN)).isPresent();
    }

    @Test
    void aLinkNobodyTakesIsClosedWhenItsTimeIsUp() throws IOException {
        links.prepare(arrival("session-a", "stdio"));
        try (Socket accepted = bridge.accept()) {
            InputStream fromSlave = accepted.getInputStream();
            StdioLink.read(fromSlave);

            clock.now = NOW.plusMillis(HOLD_MILLIS);
            links.closeExpired(clock.instant());
            assertThat(links.counts().held()).as("held until its time, inclusive").isEqualTo(1);

            clock.now = NOW.plusMillis(HOLD_MILLIS + 1);
            links.closeExpired(clock.instant());
            assertThat(links.counts()).isEqualTo(new PreparedLinks.Counts(0, 0, 1));
            assertThat(fromSlave.read()).as("the program's side sees the link end").isEqualTo(-1);
        }
        assertThat(links.claim("session-a", TOKEN)).as("too late").isEmpty();
    }

    @Test
    void aLinkWhoseTimeIsUpIsNotHandedOutEvenBeforeTheNextSweep() {
        links.prepare(arrival("session-a", "stdio"));

        clock.now = NOW.plusMillis(HOLD_MILLIS + 1);

        assertThat(links.holds("session-a", TOKEN)).isFalse();
        assertThat(links.claim("session-a", TOKEN)).isEmpty();
        assertThat(links.counts()).isEqualTo(new PreparedLinks.Counts(0, 0, 1));
    }

    @Test
    void tcpAndDesktopProgramsAreLinkedWhenTheirClientComes() {
        assertThat(links.prepare(arrival("session-t", "tcp"))).isFalse();
        assertThat(links.prepare(arrival("session-d", "desktop"))).isFalse();

        assertThat(connections).as("no connection made").hasValue(0);
        assertThat(links.counts().held()).isZero();
    }

    @Test
    void aSecondNoticeForTheSameSessionLinksOnce() {
        assertThat(links.prepare(arrival("session-a", "stdio"))).isTrue();
        assertThat(links.prepare(arrival("session-a", "stdio"))).isFalse();

        assertThat(connections).hasValue(1);
    }

    @Test
    void anUnreachableProgramOrAnIncompleteArrivalIsRefusedAndNothingIsHeld() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        Arrival unreachable = new Arrival(new RelayTarget("session-u", new Endpoint("127.0.0.1", closedPort),
                RelayTarget.STDIO), RelayTokens.hash(TOKEN), HOLD_MILLIS);

        assertThatThrownBy(() -> links.prepare(unreachable)).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.status()).isEqualTo(502));
        assertThatThrownBy(() -> links.prepare(new Arrival(null, RelayTokens.hash(TOKEN), HOLD_MILLIS)))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status()).isEqualTo(400));
        assertThatThrownBy(() -> links.prepare(new Arrival(target("session-a", "stdio"), null, HOLD_MILLIS)))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> links.prepare(new Arrival(target("session-a", "stdio"), RelayTokens.hash(TOKEN), 0)))
                .isInstanceOf(Refusal.class);
        assertThat(links.counts().held()).isZero();
    }

    private Arrival arrival(String session, String kind) {
        return new Arrival(target(session, kind), RelayTokens.hash(TOKEN), HOLD_MILLIS);
    }

    private RelayTarget target(String session, String kind) {
        return new RelayTarget(session, new Endpoint("127.0.0.1", bridge.getLocalPort()), kind);
    }

    private static ServerSocket bridge() {
        try {
            return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
