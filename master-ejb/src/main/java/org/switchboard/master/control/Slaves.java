package org.switchboard.master.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.protocol.SlaveReport;
import org.switchboard.selection.Location;
import org.switchboard.selection.SlaveView;

/**
 * The master's view of its slaves, from their reports: where they are, where clients reach them, how loaded. A slave
 * whose reports stop is out of the choice until it reports again. Thread-safe.
 * <p>
 * Like the master's own placements on servers, the clients it sends to a slave count against that slave before its
 * reports can show them: a client on its way with a ticket until it arrives or the ticket expires, a client it
 * serves until the slave's next report. Otherwise every client asking between two reports could be sent to the same
 * slave that looked emptiest.
 */
public final class Slaves {

    private final Map<String, Reported> slaves = new LinkedHashMap<>();
    /**
     * Per slave, the tickets of clients sent there that have not arrived, until they expire.
     */
    private final Map<String, ExpiringMap<String>> expected = new HashMap<>();
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

    /** The master sent a client to {@code slave} with {@code ticket}, valid until {@code expires}. */
    public synchronized void redirected(String slave, String ticket, Instant expires) {
        expected.computeIfAbsent(slave, name -> new ExpiringMap<>()).put(ticket, ticket, expires);
    }

    /** A client arrived at {@code slave} with {@code ticket}: it is on its way there no more. */
    public synchronized void arrived(String slave, String ticket) {
        ExpiringMap<String> tickets = expected.get(slave);
        if (tickets != null) {
            tickets.take(ticket);
        }
    }

    /** {@code slave} links a client now: it counts there until the slave's next report shows the relay. */
    public synchronized void serving(String slave) {
        Reported reported = slaves.get(slave);
        if (reported != null) {
            reported.servedSinceReport++;
        }
    }

    public synchronized List<SlaveView> views(Instant now) {
        return slaves.values().stream().map(reported -> reported.view(now, reportTimeout, onTheirWay(reported, now)))
                .toList();
    }

    /** Clients of this slave that its latest report cannot show: on their way there, or served since. */
    private int onTheirWay(Reported reported, Instant now) {
        ExpiringMap<String> tickets = expected.get(reported.report.name());
        if (tickets == null) {
            return reported.servedSinceReport;
        }
        tickets.expired(now);
        return tickets.size() + reported.servedSinceReport;
    }

    /** Every slave as operators see it: its latest report, when it came and whether it is in the choice. */
    public synchronized List<SlaveStatus> statuses(Instant now) {
        return slaves.values().stream()
                .map(reported -> new SlaveStatus(reported.report, reported.up(now, reportTimeout), reported.at))
                .toList();
    }

    /** The slaves whose reports stopped since the last call, newly out of the choice. */
    public synchronized List<String> silent(Instant now) {
        List<String> silent = new ArrayList<>();
        slaves.values().stream().filter(reported -> !reported.up(now, reportTimeout) && !reported.saidSilent)
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
        private int servedSinceReport;

        private Reported(SlaveReport report, Location location, Instant at) {
            this.report = report;
            this.location = location;
            this.at = at;
        }

        private boolean up(Instant now, Duration timeout) {
            return !at.plus(timeout).isBefore(now);
        }

        private SlaveView view(Instant now, Duration timeout, int onTheirWay) {
            return new SlaveView(report.name(), report.url(), location, report.capacity(),
                    report.relays() + onTheirWay, up(now, timeout));
        }
    }
}
