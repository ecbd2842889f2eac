package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.SharedSecret;

class ArrivalNoticesTest {

    private static final Arrival ARRIVAL = new Arrival(new RelayTarget("session-a", new Endpoint("127.0.0.1", 7000),
            RelayTarget.STDIO), "hash", 3_000);

    /** Slaves elsewhere are called over HTTP: here only at a port nothing listens on. */
    private final ArrivalNotices notices = new ArrivalNotices(
            new HttpCalls(new SharedSecret("a secret of sixteen or more"), Duration.ofSeconds(2)),
            JsonbBuilder.create());

    @Test
    void theSlaveDeployedWithTheMasterHearsInProcess() {
        List<Arrival> heard = new ArrayList<>();
        notices.attach("central", heard::add);

        notices.tell("central", "http://127.0.0.1:1", ARRIVAL);

        assertThat(heard).containsExactly(ARRIVAL);
    }

    @Test
    void aNoticeThatFailsIsLoggedNotThrown() {
        notices.attach("central", arrival -> {
            throw new IllegalStateException("the slave cannot take it");
        });

        assertThatCode(() -> notices.tell("central", "http://127.0.0.1:1", ARRIVAL)).doesNotThrowAnyException();
        assertThatCode(() -> notices.tell("edge", "http://127.0.0.1:1", ARRIVAL)).as("nothing listens there")
                .doesNotThrowAnyException();
    }
}
