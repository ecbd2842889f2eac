package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.LoadReport;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.selection.ServerView;
import org.switchboard.selection.ServerView.Availability;

class FleetTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(6);

    private final Fleet fleet = new Fleet(TIMEOUT);

    private static ServerRegistration berlin() {
        return new ServerRegistration("ber-1", "http://127.0.0.1:9001/agent", "eu/de/ber", 10, List.of("bash"));
    }

    private static LoadReport report(int used, long launchOrders) {
        return new LoadReport("ber-1", 0.1, 0.2, used, used, launchOrders);
    }

    private ServerView view() {
        return fleet.board().servers().get(0);
    }

    @Test
    void countsItsOwnPlacementsUntilAReportShowsThem() {
        fleet.register(berlin(), START);
        fleet.report(report(2, 2), START);

        fleet.placed("ber-1", "alice");
        fleet.placed("ber-1", "bob");
        assertThat(view().load()).as("reported 2 + placed 2").isEqualTo(4);

        fleet.report(report(3, 3), START.plusSeconds(1));
        assertThat(view().load()).as("the report shows one placement; one is still in flight").isEqualTo(4);

        fleet.report(report(4, 4), START.plusSeconds(2));
        assertThat(view().load()).isEqualTo(4);
    }

    @Test
    void anAgentThatReceivedOrdersBeforeThisMasterStartedIsNotOvercounted() {
        fleet.register(berlin(), START);
        fleet.report(report(5, 40), START);

        fleet.placed("ber-1", "alice");

        assertThat(view().load()).isEqualTo(6);
    }

    @Test
    void remembersWhichClientsAServerServes() {
        fleet.register(berlin(), START);
        fleet.placed("ber-1", "alice");
        fleet.placed("ber-1", "alice");

        fleet.released("ber-1", "alice");
        assertThat(view().clients()).containsExactly("alice");

        fleet.released("ber-1", "alice");
        assertThat(view().clients()).isEmpty();
    }

    @Test
    void takesSilentServersOutOfSelectionAndBackWhenTheyReport() {
        fleet.register(berlin(), START);

        assertThat(fleet.markSilentDown(START.plus(TIMEOUT))).isEmpty();
        assertThat(fleet.markSilentDown(START.plus(TIMEOUT).plusMillis(1))).containsExactly("ber-1");
        assertThat(view().availability()).isEqualTo(Availability.DOWN);

        fleet.report(report(0, 0), START.plusSeconds(20));
        assertThat(view().availability()).isEqualTo(Availability.UP);
    }

    @Test
    void drainingIsUpToOperatorsAndSurvivesReports() {
        fleet.register(berlin(), START);

        assertThat(fleet.drain("ber-1", true)).isTrue();
        fleet.report(report(0, 0), START.plusSeconds(1));
        assertThat(view().availability()).isEqualTo(Availability.DRAINED);

        fleet.drain("ber-1", false);
        assertThat(view().availability()).isEqualTo(Availability.UP);
        assertThat(fleet.drain("nowhere", true)).isFalse();
    }

    @Test
    void reportsFromUnregisteredServersAreRefused() {
        assertThat(fleet.report(report(0, 0), START)).isFalse();
    }

    @Test
    void offersOnlyWhatRegisteredServersOffer() {
        fleet.register(berlin(), START);

        assertThat(fleet.offers("bash")).isTrue();
        assertThat(fleet.offers("writer")).isFalse();
        assertThat(fleet.applications()).containsExactly("bash");
    }
}
