package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocationTest {

    @Test
    void nearerLocationsShareLongerPrefixes() {
        Location berlin = Location.parse("eu/de/ber");

        assertThat(berlin.proximity(Location.parse("eu/de/fra"))).isEqualTo(2);
        assertThat(berlin.proximity(Location.parse("eu/fr"))).isEqualTo(1);
        assertThat(berlin.proximity(Location.parse("us/ny"))).isZero();
        assertThat(berlin.proximity(berlin)).isEqualTo(3);
    }

    @Test
    void unknownIsNearToNothing() {
        assertThat(Location.parse(null)).isEqualTo(Location.UNKNOWN);
        assertThat(Location.parse("  ").proximity(Location.parse("eu"))).isZero();
    }

    @Test
    void isCaseInsensitiveAndPrintsAsGiven() {
        assertThat(Location.parse("EU/De")).hasToString("eu/de");
    }

    @Test
    void refusesMalformedLocations() {
        assertThatThrownBy(() -> Location.parse("eu//de")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Location.parse("eu/d e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Location.parse("a/b/c/d/e/f/g/h/i")).isInstanceOf(IllegalArgumentException.class);
    }
}
