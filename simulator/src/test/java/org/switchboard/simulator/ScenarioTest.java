package org.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void theSteadyFleetArrivesAtTheRateThatKeepsTwentySessionsPerServer() {
        assertThat(Scenario.steady().arrivalsPerSecond()).isCloseTo(1000 * 20 / 1800.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void settingsOverrideTheDefaults() {
        Scenario scenario = Scenario.steady().with(List.of("servers=10", "report-every=100s", "capacities=50,200",
                "locations=eu/de,us", "launch-delay=250ms", "measured=2h"));

        assertThat(scenario.servers()).isEqualTo(10);
        assertThat(scenario.reportEvery()).isEqualTo(Duration.ofSeconds(100));
        assertThat(scenario.capacity(3)).isEqualTo(200);
        assertThat(scenario.location(2)).isEqualTo("eu/de");
        assertThat(scenario.launchDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(scenario.measured()).isEqualTo(Duration.ofHours(2));
        assertThat(scenario.describe()).contains("report-every=100s").contains("measured=2h");
    }

    @Test
    void refusesUnknownSettings() {
        assertThatThrownBy(() -> Scenario.steady().with(List.of("severs=10")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("severs");
        assertThatThrownBy(() -> Scenario.steady().with(List.of("report-every=5x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
