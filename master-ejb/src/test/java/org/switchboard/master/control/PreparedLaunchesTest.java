package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreparedLaunchesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final PreparedLaunches<String> prepared = new PreparedLaunches<>();

    @Test
    void theClientWithTheTicketTakesItsLaunchOnce() {
        prepared.add("ticket-a", "session-a", NOW.plusSeconds(30));

        assertThat(prepared.take("ticket-a")).contains("session-a");
        assertThat(prepared.take("ticket-a")).as("a replayed ticket").isEmpty();
        assertThat(prepared.expired(NOW.plusSeconds(60))).as("taken launches never expire").isEmpty();
    }

    @Test
    void anUnknownTicketFindsNothing() {
        prepared.add("ticket-a", "session-a", NOW.plusSeconds(30));

        assertThat(prepared.take("ticket-b")).isEmpty();
        assertThat(prepared.size()).isEqualTo(1);
    }

    @Test
    void launchesWhoseTicketsExpiredAreHandedOutOnceForStopping() {
        prepared.add("ticket-a", "session-a", NOW.plusSeconds(30));
        prepared.add("ticket-b", "session-b", NOW.plusSeconds(31));

        assertThat(prepared.expired(NOW.plusSeconds(30))).as("valid until its expiry, inclusive").isEmpty();
        assertThat(prepared.expired(NOW.plusMillis(30_001))).containsExactly("session-a");
        assertThat(prepared.expired(NOW.plusMillis(30_001))).isEmpty();
        assertThat(prepared.take("ticket-b")).contains("session-b");
        assertThat(prepared.size()).isZero();
    }
}
