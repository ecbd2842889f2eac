package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestSlaveTest {

    private static final Location BERLIN = Location.parse("eu/de/ber");
    private static final Location FRANKFURT = Location.parse("eu/de/fra");
    private static final Location NEW_YORK = Location.parse("us/ny/nyc");

    private final NearestSlave nearestSlave = new NearestSlave();

    private static SlaveView slave(String name, String location, int relays) {
        return new SlaveView(name, "http://127.0.0.1/" + name, Location.parse(location), 2, relays, true);
    }

    private Optional<String> choose(String requesting, Location client, Location server, SlaveView... slaves) {
        return nearestSlave.choose(List.of(slaves), requesting, client, server).map(SlaveView::name);
    }

    @Test
    void choosesTheSlaveNearestTheClient() {
        assertThat(choose("central", BERLIN, FRANKFURT, slave("central", "us/ny", 0), slave("edge", "eu/de", 1)))
                .contains("edge");
    }

    @Test
    void amongEquallyNearSlavesPrefersTheOneNearerTheServer() {
        assertThat(choose("a", Location.UNKNOWN, NEW_YORK, slave("a", "eu/de", 0), slave("b", "us/ny", 0)))
                .contains("b");
    }

    @Test
    void staysWithTheRequestingSlaveRatherThanRedirectForNothing() {
        assertThat(choose("b", BERLIN, FRANKFURT, slave("a", "eu/de", 0), slave("b", "eu/de", 1))).contains("b");
    }

    @Test
    void leavesFullAndSilentSlavesOut() {
        SlaveView silent = new SlaveView("silent", "http://127.0.0.1/silent", Location.parse("eu/de"), 2, 0, false);

        assertThat(choose("full", BERLIN, FRANKFURT, slave("full", "eu/de", 2), silent, slave("far", "us", 1)))
                .contains("far");
        assertThat(choose("full", BERLIN, FRANKFURT, slave("full", "eu/de", 2), silent)).isEmpty();
    }
}
