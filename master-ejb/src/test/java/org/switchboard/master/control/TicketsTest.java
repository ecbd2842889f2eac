package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TicketsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final byte[] KEY = "a key only the master holds".getBytes(StandardCharsets.UTF_8);

    private final Tickets tickets = at(NOW);

    private static Tickets at(Instant now) {
        return new Tickets(KEY, Clock.fixed(now, ZoneOffset.UTC), LIFETIME);
    }

    @Test
    void aTicketNamesTheClientApplicationSlaveAndServerUntilItExpires() {
        String ticket = tickets.issue("alice", "bash", "edge", "fra-1");

        Ticket verified = at(NOW.plus(LIFETIME)).verify(ticket, "alice", "bash", "edge");

        assertThat(verified).isEqualTo(new Ticket("alice", "bash", "edge", "fra-1", NOW.plus(LIFETIME)));
    }

    @Test
    void anExpiredTicketIsRefused() {
        String ticket = tickets.issue("alice", "bash", "edge", "fra-1");

        assertThatThrownBy(() -> at(NOW.plus(LIFETIME).plusMillis(1)).verify(ticket, "alice", "bash", "edge"))
                .isInstanceOf(InvalidTicket.class).hasMessageContaining("expired");
    }

    @Test
    void aTicketIsOnlyForItsClientApplicationAndSlave() {
        String ticket = tickets.issue("alice", "bash", "edge", "fra-1");

        assertThatThrownBy(() -> tickets.verify(ticket, "mallory", "bash", "edge")).isInstanceOf(InvalidTicket.class);
        assertThatThrownBy(() -> tickets.verify(ticket, "alice", "jshell", "edge")).isInstanceOf(InvalidTicket.class);
        assertThatThrownBy(() -> tickets.verify(ticket, "alice", "bash", "central"))
                .isInstanceOf(InvalidTicket.class).hasMessageContaining("edge");
    }

    @Test
    void aForgedOrMalformedTicketIsRefused() {
        String ticket = tickets.issue("alice", "bash", "edge", "fra-1");
        String otherServer = tickets.issue("alice", "bash", "edge", "nyc-1");
        String spliced = otherServer.substring(0, otherServer.indexOf('.')) + ticket.substring(ticket.indexOf('.'));
        String foreign = new Tickets("another key".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC),
                LIFETIME).issue("alice", "bash", "edge", "fra-1");

        assertThatThrownBy(() -> tickets.verify(spliced, "alice", "bash", "edge"))
                .isInstanceOf(InvalidTicket.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> tickets.verify(foreign, "alice", "bash", "edge")).isInstanceOf(InvalidTicket.class);
        assertThatThrownBy(() -> tickets.verify("no-dot-here", "alice", "bash", "edge"))
                .isInstanceOf(InvalidTicket.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> tickets.verify("%%%.%%%", "alice", "bash", "edge")).isInstanceOf(InvalidTicket.class);
    }

    @Test
    void refusalsAre403() {
        assertThat(new InvalidTicket("x").status()).isEqualTo(403);
    }
}
