package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiringMapTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final ExpiringMap<String> kept = new ExpiringMap<>();

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

    @Test
    void aKeyPutAgainMovesToTheBackWithItsNewExpiry() {
        kept.put("ticket-a", "first", NOW.plusSeconds(30));
        kept.put("ticket-b", "session-b", NOW.plusSeconds(31));
        kept.put("ticket-a", "again", NOW.plusSeconds(32));

        assertThat(kept.expired(NOW.plusMillis(31_001))).containsExactly("session-b");
        assertThat(kept.take("ticket-a")).contains("again");
    }

    @Test
    void atMostCapacityKeysAreKeptTheOldestDroppedFirst() {
        ExpiringMap<String> capped = new ExpiringMap<>(2);
        capped.put("ticket-a", "session-a", NOW.plusSeconds(30));
        capped.put("ticket-b", "session-b", NOW.plusSeconds(31));
        capped.put("ticket-c", "session-c", NOW.plusSeconds(32));

        assertThat(capped.size()).isEqualTo(2);
        assertThat(capped.take("ticket-a")).isEmpty();
        assertThat(capped.take("ticket-b")).contains("session-b");
        assertThat(capped.take("ticket-c")).contains("session-c");
        assertThatThrownBy(() -> new ExpiringMap<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
