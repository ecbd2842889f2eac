package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EarlyExitsTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration KEEP = Duration.ofSeconds(60);

    private final EarlyExits exits = new EarlyExits(KEEP, 3);

    @Test
    void anExitIsTakenOnceWhenItsSessionIsRecorded() {
        exits.add("s-1", START);

        assertThat(exits.take("s-1")).isTrue();
        assertThat(exits.take("s-1")).isFalse();
        assertThat(exits.take("never-heard")).isFalse();
    }

    @Test
    void exitsOfSessionsNeverRecordedAreForgottenAfterTheKeepTime() {
        exits.add("s-1", START);
        exits.add("s-2", START.plusSeconds(30));

        assertThat(exits.forgetOld(START.plus(KEEP))).as("kept for the whole keep time").isZero();
        assertThat(exits.forgetOld(START.plus(KEEP).plusMillis(1))).isEqualTo(1);
        assertThat(exits.take("s-1")).isFalse();
        assertThat(exits.take("s-2")).isTrue();
    }

    @Test
    void anExitHeardAgainIsKeptFromThen() {
        exits.add("s-1", START);
        exits.add("s-2", START.plusSeconds(10));
        exits.add("s-1", START.plusSeconds(20));

        exits.forgetOld(START.plusSeconds(75));

        assertThat(exits.take("s-2")).isFalse();
        assertThat(exits.take("s-1")).isTrue();
    }

    @Test
    void atMostCapacityExitsAreKeptTheOldestForgottenFirst() {
        for (int i = 1; i <= 5; i++) {
            exits.add("s-" + i, START.plusMillis(i));
        }

        assertThat(exits.size()).isEqualTo(3);
        assertThat(exits.take("s-1")).isFalse();
        assertThat(exits.take("s-2")).isFalse();
        assertThat(exits.take("s-3")).isTrue();
        assertThat(exits.take("s-5")).isTrue();
    }

    @Test
    void addingForgetsWhatIsTooOldWithoutWaitingForTheSchedule() {
        exits.add("s-1", START);

        exits.add("s-2", START.plus(KEEP).plusSeconds(1));

        assertThat(exits.size()).isEqualTo(1);
    }
}
