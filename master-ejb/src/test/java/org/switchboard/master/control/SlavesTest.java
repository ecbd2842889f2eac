package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.SlaveReport;
import org.switchboard.selection.SlaveView;

class SlavesTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(6);

    private final Slaves slaves = new Slaves(TIMEOUT);

    @Test
    void aSlaveIsKnownFromItsReportsAndSilentOnceTheyStop() {
        slaves.report(new SlaveReport("edge", "http://127.0.0.1:9000", "eu/de", 10, 3, 2048.0, 1.5), START);

        SlaveView edge = slaves.views(START.plus(TIMEOUT)).get(0);
        assertThat(edge.up()).isTrue();
        assertThat(edge.relays()).isEqualTo(3);
        assertThat(slaves.silent(START.plus(TIMEOUT))).isEmpty();

        assertThat(slaves.views(START.plus(TIMEOUT).plusMillis(1)).get(0).up()).isFalse();
        assertThat(slaves.silent(START.plus(TIMEOUT).plusMillis(1))).containsExactly("edge");
        assertThat(slaves.silent(START.plus(TIMEOUT).plusMillis(2))).as("said once").isEmpty();
    }

    @Test
    void operatorsSeeTheLatestReportWithItsTrafficAndWhenItCame() {
        slaves.report(new SlaveReport("edge", "http://127.0.0.1:9000", "eu/de", 10, 3, 2048.0, 1.5), START);

        SlaveStatus edge = slaves.statuses(START.plusSeconds(1)).get(0);
        assertThat(edge.latest().relayBytesPerSecond()).isEqualTo(2048.0);
        assertThat(edge.latest().requestsPerSecond()).isEqualTo(1.5);
        assertThat(edge.reportedAt()).isEqualTo(START);
        assertThat(edge.up()).isTrue();
        assertThat(slaves.statuses(START.plus(TIMEOUT).plusSeconds(1)).get(0).up()).isFalse();
    }

    @Test
    void clientsSentToASlaveCountAgainstItUntilItsReportsShowThem() {
        slaves.report(new SlaveReport("edge", "http://127.0.0.1:9000", "eu/de", 3, 1, 0, 0), START);

        slaves.redirected("edge", "ticket-1", START.plusSeconds(30));
        slaves.redirected("edge", "ticket-2", START.plusSeconds(30));
        assertThat(relaysOfEdge(START.plusSeconds(1))).as("two on their way").isEqualTo(3);
        assertThat(slaves.views(START.plusSeconds(1)).get(0).hasRoom()).isFalse();

        slaves.arrived("edge", "ticket-1");
        slaves.serving("edge");
        assertThat(relaysOfEdge(START.plusSeconds(2))).as("one arrived and served, one on its way").isEqualTo(3);
        slaves.arrived("edge", "ticket-1");
        assertThat(relaysOfEdge(START.plusSeconds(2))).as("a ticket arrives once").isEqualTo(3);

        slaves.report(new SlaveReport("edge", "http://127.0.0.1:9000", "eu/de", 3, 2, 0, 0), START.plusSeconds(3));
        assertThat(relaysOfEdge(START.plusSeconds(3))).as("the report shows the served one").isEqualTo(3);
        assertThat(relaysOfEdge(START.plusSeconds(31))).as("the other's ticket expired").isEqualTo(2);
        assertThat(slaves.statuses(START.plusSeconds(3)).get(0).latest().relays()).as("operators see the report")
                .isEqualTo(2);
    }

    private int relaysOfEdge(Instant now) {
        return slaves.views(now).get(0).relays();
    }

    @Test
    void refusesReportsWithoutNameOrAddress() {
        assertThatThrownBy(() -> slaves.report(new SlaveReport(null, "http://x", "eu", 1, 0, 0, 0), START))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> slaves.report(new SlaveReport("edge", null, "eu", 1, 0, 0, 0), START))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> slaves.report(new SlaveReport("edge", "http://x", "eu", 1, 0, -1, 0), START))
                .isInstanceOf(InvalidRequest.class);
    }
}
