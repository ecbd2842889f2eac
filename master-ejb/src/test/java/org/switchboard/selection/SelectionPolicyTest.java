package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.switchboard.selection.SampleServers.NOW;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SelectionPolicyTest {

    private final SelectionPolicy policy = SelectionPolicy.DEFAULTS.withSlowStart(Duration.ofSeconds(60), 0.1);

    @Test
    void slowStartShareGrowsLinearlyFromTheInitialShareToAll() {
        assertThat(policy.slowStartShare(NOW, NOW)).isEqualTo(0.1);
        assertThat(policy.slowStartShare(NOW.minusSeconds(3), NOW)).as("the initial share is a floor").isEqualTo(0.1);
        assertThat(policy.slowStartShare(NOW.minusSeconds(30), NOW)).isCloseTo(0.5, within(1e-9));
        assertThat(policy.slowStartShare(NOW.minusSeconds(60), NOW)).isEqualTo(1.0);
        assertThat(policy.slowStartShare(NOW.minusSeconds(600), NOW)).isEqualTo(1.0);
    }

    @Test
    void withoutATimeOrAWindowEveryServerCountsAsEstablished() {
        assertThat(policy.slowStartShare(null, NOW)).isEqualTo(1.0);
        assertThat(policy.slowStartShare(NOW, null)).isEqualTo(1.0);
        assertThat(policy.withSlowStart(Duration.ZERO, 0.1).slowStartShare(NOW, NOW)).isEqualTo(1.0);
        assertThat(policy.rampingSince(null)).isNull();
        assertThat(policy.withSlowStart(Duration.ZERO, 0.1).rampingSince(NOW)).isNull();
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> policy.withSpillMargin(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withSpillMargin(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withSlowStart(Duration.ofSeconds(-1), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withSlowStart(Duration.ofSeconds(60), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withSlowStart(Duration.ofSeconds(60), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInfiniteSpillMarginIsAllowed() {
        assertThat(policy.withSpillMargin(Double.POSITIVE_INFINITY).spillMargin()).isInfinite();
    }
}
