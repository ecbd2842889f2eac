package org.switchboard.slave.master;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reports this slave's load to the master at {@code switchboard.slave.report-interval-ms} (to the second). An EJB
 * timer, because timers start only once the application is deployed, never while the master beside it is starting.
 */
@Singleton
public class SlaveReports {

    @Inject
    ThisSlave slave;
    @Inject
    @ConfigProperty(name = "switchboard.slave.report-interval-ms", defaultValue = "2000")
    long reportIntervalMillis;

    private final Clock clock = Clock.systemUTC();
    private Instant last = Instant.EPOCH;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void tick() {
        Instant now = clock.instant();
        if (Duration.between(last, now).toMillis() >= reportIntervalMillis) {
            last = now;
            slave.reportNow();
        }
    }
}
