package org.switchboard.agent.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ActivityTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void countsWhatEachProcessAddedAndAllOfANewOne() {
        Activity before = new Activity(0, Map.of(100L, 50L, 101L, 7L));
        Activity after = new Activity(0, Map.of(100L, 53L, 102L, 4L)); // 101 ended, 102 is new

        assertThat(after.cpuTicksSince(before)).isEqualTo(3 + 4);
    }

    @Test
    void busyMeansBytesMovedOrMoreCpuThanTheShare() {
        Activity before = new Activity(1_000, Map.of(100L, 50L));

        // 1 % of ten seconds is 10 ticks
        assertThat(new Activity(1_000, Map.of(100L, 60L)).busySince(before, TEN_SECONDS, 0.01)).isFalse();
        assertThat(new Activity(1_000, Map.of(100L, 61L)).busySince(before, TEN_SECONDS, 0.01)).isTrue();
        assertThat(new Activity(1_001, Map.of(100L, 50L)).busySince(before, TEN_SECONDS, 0.01)).isTrue();
    }

    @Test
    void idlenessNeedsAPositiveTimeoutAndAShareOfOneCore() {
        assertThatThrownBy(() -> new Idleness(Duration.ZERO, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Idleness(TEN_SECONDS, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Idleness(TEN_SECONDS, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
