package org.switchboard.master.http;

import java.time.Instant;
import org.switchboard.master.control.SlaveStatus;
import org.switchboard.protocol.SlaveReport;

/**
 * A slave as operators see it: where clients reach it, where it is, its load and traffic, and whether it is
 * reporting.
 */
public record SlaveBody(String name, String url, String location, String state, int capacity, int relays,
                        double relayBytesPerSecond, double requestsPerSecond, Instant reportedAt) {

    static SlaveBody of(SlaveStatus status) {
        SlaveReport report = status.latest();
        return new SlaveBody(report.name(), report.url(), report.location(), status.up() ? "up" : "down",
                report.capacity(), report.relays(), report.relayBytesPerSecond(), report.requestsPerSecond(),
                status.reportedAt());
    }
}
