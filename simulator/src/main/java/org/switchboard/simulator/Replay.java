package org.switchboard.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;
import org.switchboard.selection.Candidate;
import org.switchboard.selection.Decision;
import org.switchboard.selection.Demand;
import org.switchboard.selection.Location;
import org.switchboard.selection.Selection;
import org.switchboard.selection.SelectionPolicy;
import org.switchboard.selection.ServerView.Availability;

/**
 * Replays a master's recorded requests, in the order they came, against the selection core under another policy, and
 * side by side the placements the master actually made. Each world counts its own placements at once; a placed
 * request keeps its recorded session's lifetime in both, and a session still running ends with the replay.
 * <p>
 * Which servers the master had at each request, and which were down or drained, comes from that request's recorded
 * candidates; a server that appears in them after the first request joined then, for slow start. A request the master
 * rejected and the other policy would place counts, but adds no load: nobody knows how long it would have run.
 * Redirected and failed requests add no load either; the client came back as another request.
 */
final class Replay {

    private final Recording recording;
    private final Selection selection;

    Replay(Recording recording, SelectionPolicy policy) {
        this.recording = recording;
        this.selection = new Selection(policy);
    }

    WhatIfResult run() {
        ReplayedFleet recorded = new ReplayedFleet(recording.servers());
        ReplayedFleet whatIf = new ReplayedFleet(recording.servers());
        PriorityQueue<Departure> departures = new PriorityQueue<>(Comparator.comparing(Departure::at));
        List<Recording.Request> requests = recording.requests();
        runningBefore(requests, recorded, whatIf, departures);

        Map<String, Availability> board = recording.servers().stream().collect(Collectors.toMap(
                Recording.Server::name, server -> Availability.UP, (first, same) -> first, LinkedHashMap::new));
        Map<String, Instant> joined = new LinkedHashMap<>();
        boolean first = true;
        int compared = 0;
        int moved = 0;
        int wouldPlace = 0;
        int wouldReject = 0;
        for (Recording.Request request : requests) {
            Instant now = request.requestedAt();
            while (!departures.isEmpty() && !departures.peek().at().isAfter(now)) {
                departures.poll().leave();
            }
            Map<String, Availability> then = boardAt(request, recorded);
            if (!then.isEmpty()) {
                if (!first) {
                    then.keySet().stream().filter(name -> !board.containsKey(name))
                            .forEach(name -> joined.put(name, now));
                }
                board.clear();
                board.putAll(then);
                recorded.inService(board);
                whatIf.inService(board);
                first = false;
            }
            Decision decision = selection.select(whatIf.board(board, joined, now),
                    new Demand(request.clientId(), request.app(), Location.parse(request.location())));
            String chosen = decision.chosen().orElse(null);
            if (request.server() != null && chosen != null) {
                compared++;
                if (!chosen.equals(request.server())) {
                    moved++;
                }
            }
            if (request.rejectedForWantOfAServer() && chosen != null) {
                wouldPlace++;
            }
            if (request.placed()) {
                Instant ends = ending(request);
                if (recorded.knows(request.server())) {
                    place(recorded, request.server(), request.clientId(), ends, departures);
                }
                if (chosen == null) {
                    wouldReject++;
                } else {
                    place(whatIf, chosen, request.clientId(), ends, departures);
                }
            }
        }
        return new WhatIfResult(requests.size(), compared, moved, wouldPlace, wouldReject,
                WhatIfResult.Figures.of(recorded, recording.servers()), WhatIfResult.Figures.of(whatIf,
                recording.servers()));
    }

    /** Sessions that ran on a known server when the first recorded request came; they run in both worlds alike. */
    private void runningBefore(List<Recording.Request> requests, ReplayedFleet recorded, ReplayedFleet whatIf,
                               PriorityQueue<Departure> departures) {
        if (requests.isEmpty()) {
            return;
        }
        Instant start = requests.get(0).requestedAt();
        Set<String> requested = requests.stream().map(Recording.Request::sessionId).collect(Collectors.toSet());
        recording.sessions().values().stream()
                .filter(session -> !requested.contains(session.id()) && recorded.knows(session.server()))
                .filter(session -> session.createdAt() != null && session.createdAt().isBefore(start))
                .filter(session -> session.endedAt() == null || session.endedAt().isAfter(start))
                .sorted(Comparator.comparing(Recording.Session::createdAt))
                .forEach(session -> {
                    place(recorded, session.server(), session.clientId(), session.endedAt(), departures);
                    place(whatIf, session.server(), session.clientId(), session.endedAt(), departures);
                });
    }

    /** The servers on the master's board at this request, as available as they were; empty when not recorded. */
    private static Map<String, Availability> boardAt(Recording.Request request, ReplayedFleet fleet) {
        Map<String, Availability> board = new LinkedHashMap<>();
        for (Candidate candidate : request.candidates()) {
            if (fleet.knows(candidate.server())) {
                board.put(candidate.server(), availability(candidate.excluded()));
            }
        }
        return board;
    }

    /** From the exclusion the selection core wrote ({@code Ranking}): only down and drained outlast the request. */
    private static Availability availability(String excluded) {
        if (excluded == null) {
            return Availability.UP;
        }
        return excluded.startsWith("down") ? Availability.DOWN
                : excluded.startsWith("drained") ? Availability.DRAINED : Availability.UP;
    }

    /** When the request's session ended; null while it ran, or when the sessions no longer list it. */
    private Instant ending(Recording.Request request) {
        Recording.Session session = request.sessionId() == null ? null : recording.sessions().get(request.sessionId());
        return session == null ? null : session.endedAt();
    }

    private static void place(ReplayedFleet fleet, String server, String client, Instant ends,
                              PriorityQueue<Departure> departures) {
        fleet.place(server, client);
        if (ends != null) {
            departures.add(new Departure(ends, () -> fleet.release(server, client)));
        }
    }

    private record Departure(Instant at, Runnable release) {

        void leave() {
            release.run();
        }
    }
}
