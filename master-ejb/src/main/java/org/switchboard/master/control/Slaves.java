package org.switchboard.master.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.protocol.SlaveReport;
import org.switchboard.selection.Location;
import org.switchboard.selection.SlaveView;

/**
 * The master's view of its slaves, from their reports: where they are, where clients reach them, how loaded. A slave
 * whose reports stop is out of the choice until it reports again. Thread-safe.
 */
public final class Slaves {

    private final Map<String, Reported> slaves = new LinkedHashMap<>();
    private final Duration reportTimeout;

    public Slaves(Duration reportTimeout) {
        this.reportTimeout = reportTimeout;
    }

    public synchronized void report(SlaveReport report, Instant now) {
        if (report.name() == null || report.url() == null || report.capacity() < 0 || report.relays() < 0
                || report.relayBytesPerSecond() < 0 || report.requestsPerSecond() < 0) {
            throw new InvalidRequest("a slave report needs name, url, capacity and relays, and no negative rates");
        }
        slaves.put(report.name(), new Reported(report, Location.parse(report.location()), now));
    }

    public synchronized List<SlaveView> views(Instant now) {
        return slaves.values().stream().map(reported -> reported.view(now, reportTimeout)).toList();
    }

    /** Every slave as operators see it: its latest report, when it came and whether it is in the choice. */
    public synchronized List<SlaveStatus> statuses(Instant now) {
        return slaves.values().stream()
                .map(reported -> new SlaveStatus(reported.report, reported.view(now, reportTimeout).up(), reported.at))
                .toList();
    }

    /** The slaves whose reports stopped since the last call, newly out of the choice. */
    public synchronized List<String> silent(Instant now) {
        List<String> silent = new ArrayList<>();
        slaves.values().stream().filter(reported -> !reported.view(now, reportTimeout).up() && !reported.saidSilent)
                .forEach(reported -> {
                    reported.saidSilent = true;
                    silent.add(reported.report.name());
                });
        return silent;
    }

    private static final class Reported {
        private final SlaveReport report;
        private final Location location;
        private final Instant at;
        private boolean saidSilent;

        private Reported(SlaveReport report, Location location, Instant at) {
            this.report = report;
            this.location = location;
            this.at = at;
        }

        private SlaveView view(Instant now, Duration timeout) {
            return new SlaveView(report.name(), report.url(), location, report.capacity(), report.relays(),
                    !at.plus(timeout).isBefore(now));
        }
    }
}
