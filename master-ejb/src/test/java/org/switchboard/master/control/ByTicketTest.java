package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ByTicketTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final ByTicket<String> kept = new ByTicket<>();

    @Test
    void theClientWithTheTicketTakesWhatWasKeptOnce() {
        kept.put("ticket-a", "session-a", NOW.plusSeconds(30));

        assertThat(kept.take("ticket-a")).contains("session-a");
        assertThat(kept.take("ticket-a")).as("a replayed ticket").isEmpty();
        assertThat(kept.expired(NOW.plusSeconds(60))).as("what was taken never expires").isEmpty();
    }

    @Test
    void anUnknownTicketFindsNothing() {
        kept.put("ticket-a", "session-a", NOW.plusSeconds(30));

        assertThat(kept.take("ticket-b")).isEmpty();
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    void whatWasKeptForExpiredTicketsIsHandedOutOnce() {
        kept.put("ticket-a", "session-a", NOW.plusSeconds(30));
        kept.put("ticket-b", "session-b", NOW.plusSeconds(31));

        assertThat(kept.expired(NOW.plusSeconds(30))).as("valid until its expiry, inclusive").isEmpty();
        assertThat(kept.expired(NOW.plusMillis(30_001))).containsExactly("session-a");
        assertThat(kept.expired(NOW.plusMillis(30_001))).isEmpty();
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.take("ticket-b")).contains("session-b");
        assertThat(kept.size()).isZero();
    }
}
