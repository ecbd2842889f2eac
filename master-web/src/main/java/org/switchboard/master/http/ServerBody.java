package org.switchboard.master.http;

import java.time.Instant;
import java.util.List;
import org.switchboard.master.control.Fleet;
import org.switchboard.protocol.LoadReport;
import org.switchboard.selection.ServerView;

/** A processing server as operators see it: its state, the load selection counts with, and its latest report. */
public record ServerBody(String name, String location, String state, int capacity, int load, List<String> applications,
                         String agentUrl, Instant lastReportAt, LoadReport latestReport) {

    static ServerBody of(Fleet.ServerStatus status) {
        ServerView view = status.view();
        return new ServerBody(view.name(), view.location().toString(), view.availability().name().toLowerCase(),
                view.capacity(), view.load(), view.applications().stream().sorted().toList(), status.agentUrl(),
                status.lastReportAt(), status.latest());
    }
}
