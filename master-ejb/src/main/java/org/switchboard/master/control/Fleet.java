package org.switchboard.master.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.switchboard.protocol.LoadReport;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.selection.Board;
import org.switchboard.selection.Location;
import org.switchboard.selection.ServerView;
import org.switchboard.selection.ServerView.Availability;

/**
 * The master's in-memory view of the processing servers: what each offers, its last load report, the placements the
 * master made since that report, and which clients it serves. Selection reads {@link #board()}; no decision touches
 * the database. Thread-safe; every change is one short critical section.
 * <p>
 * The board is kept and handed out until something changes, and then only the changed servers' views are made anew
 * and the next board derived from the last one ({@link Board#with}): the master asks for it on every request and
 * changes it at every placement, and a board carries an index that would otherwise be worked out afresh each time.
 */
public final class Fleet {

    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<Returned> comeBack = new ArrayList<>();
    private final Duration reportTimeout;
    private final Duration lostAfter;
    /** The board last handed out; null when the next one must be made afresh (a server joined or re-registered). */
    private Board board;
    /** Servers changed since {@link #board} was handed out, whose views the next board takes. */
    private final Set<Member> changed = new LinkedHashSet<>();
    /**
     * The registered servers' registrations and locations, replaced whole at each registration (rare): what every
     * request asks (is the application offered, where is the server, its agent's URL) is read without the lock, which
     * decisions and reports need, and which many requests at once (a hand-over's queue) had otherwise waited for.
     */
    private volatile Map<String, Registered> registered = Map.of();
    /** When each server's agent last launched a program for this master (see {@link #launched}). */
    private final Map<String, Instant> launchedAt = new ConcurrentHashMap<>();

    private record Registered(ServerRegistration registration, Location location) {
    }

    /**
     * @param reportTimeout a server whose reports stop for this long leaves selection
     * @param lostAfter     a server whose reports stop for this long is lost: its sessions are ended (at least
     *                      {@code reportTimeout}; zero: never)
     */
    public Fleet(Duration reportTimeout, Duration lostAfter) {
        this.reportTimeout = reportTimeout;
        this.lostAfter = lostAfter.isZero() || lostAfter.compareTo(reportTimeout) >= 0 ? lostAfter : reportTimeout;
    }

    public synchronized void register(ServerRegistration registration, Instant now) {
        Member member = changing(members.computeIfAbsent(registration.server(), Member::new));
        board = null; // a new server, or one that may now offer other applications elsewhere
        member.registration = registration;
        member.location = Location.parse(registration.location());
        Map<String, Registered> registrations = new LinkedHashMap<>(registered);
        registrations.put(member.name, new Registered(registration, member.location));
        registered = Collections.unmodifiableMap(registrations);
        member.lastReport = now;
        member.joined = now;
        // a (re-)registered agent counts its launch orders afresh; its first report tells the master where it stands
        member.latest = null;
        member.ordersSent = 0;
        if (member.availability == Availability.DOWN) {
            member.availability = Availability.UP;
        }
        heardFrom(member);
    }

    /** Takes a load report in; false when the server is not registered (its agent should register again). */
    public synchronized boolean report(LoadReport report, Instant now) {
        Member member = members.get(report.server());
        if (member == null || member.registration == null) {
            return false;
        }
        changing(member);
        member.latest = report;
        member.lastReport = now;
        // an agent that received more orders than this master sent was instructed before this master started
        member.ordersSent = Math.max(member.ordersSent, report.launchOrders());
        if (member.availability == Availability.DOWN) {
            member.availability = Availability.UP;
        }
        heardFrom(member);
        return true;
    }

    /** The master placed a program for {@code client} on {@code server}: count it before the next report shows it. */
    public synchronized void placed(String server, String client) {
        Member member = members.get(server);
        if (member != null) {
            changing(member);
            member.ordersSent++;
            member.clients.merge(client, 1, Integer::sum);
        }
    }

    /**
     * The board as it would be after {@link #placed}{@code (server, client)}, derived as then, changing nothing: what a
     * rehearsed decision goes through.
     */
    public synchronized Board boardAfterPlacing(String server, String client) {
        Board current = board();
        Member member = members.get(server);
        if (member == null || member.registration == null) {
            return current;
        }
        Map<String, Integer> clients = new HashMap<>(member.clients);
        clients.merge(client, 1, Integer::sum);
        return current.with(List.of(member.view(member.ordersSent + 1, clients.keySet())));
    }

    /** A session that was placed before (for instance before a restart) is still running there. */
    public synchronized void running(String server, String client) {
        changing(members.computeIfAbsent(server, Member::new)).clients.merge(client, 1, Integer::sum);
    }

    /**
     * Forgets which clients the servers serve, before the sessions running now are counted again with
     * {@link #running}: a master that takes over deciding in a group counts what the database says runs.
     */
    public synchronized void forgetRunning() {
        members.values().forEach(member -> changing(member).clients.clear());
    }

    /** A program of {@code client} on {@code server} ended (or never started). */
    public synchronized void released(String server, String client) {
        Member member = members.get(server);
        if (member != null) {
            changing(member);
            member.clients.computeIfPresent(client, (key, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Takes a server out of selection (or back in); false when there is no such server. */
    public synchronized boolean drain(String server, boolean drained) {
        Member member = members.get(server);
        if (member == null || member.registration == null) {
            return false;
        }
        changing(member);
        if (drained) {
            member.availability = Availability.DRAINED;
        } else if (member.availability == Availability.DRAINED) {
            member.availability = Availability.UP;
        }
        return true;
    }

    /**
     * The agent of {@code server} has just launched a program for this master: it is alive, whenever its last report
     * came in. A master short of threads takes an agent's reports in late (each waits for the launches queued before
     * it), and a new decider swamped with the requests of a hand-over took both agents out of selection for want of
     * a report while they were answering its launches. Lock-free: called after every launch.
     */
    public void launched(String server, Instant now) {
        launchedAt.merge(server, now, (before, after) -> after.isAfter(before) ? after : before);
    }

    /**
     * Takes servers out of selection that were silent for the report timeout — no report and no launch for this
     * master ({@link #launched}); returns their names.
     */
    public synchronized List<String> markSilentDown(Instant now) {
        List<String> silent = new ArrayList<>();
        for (Member member : members.values()) {
            if (member.availability == Availability.UP && member.registration != null
                    && lastHeard(member).plus(reportTimeout).isBefore(now)) {
                changing(member);
                member.availability = Availability.DOWN;
                silent.add(member.name);
            }
        }
        return silent;
    }

    /**
     * Servers whose reports stopped for the lost-after time and that are not {@link #lost(String, Collection) lost}
     * yet: the master ends their sessions ({@code server-lost}) and then says so. Until it does, a server is answered
     * again at every call, so a failure to end its sessions is tried again.
     */
    public synchronized List<String> silentSinceLostAfter(Instant now) {
        if (lostAfter.isZero()) {
            return List.of();
        }
        return members.values().stream().filter(member -> member.registration != null && member.lostSessions == null
                && lastHeard(member).plus(lostAfter).isBefore(now)).map(member -> member.name).toList();
    }

    /** How long a server's reports must stop for it to be lost; zero: never. */
    public Duration lostAfter() {
        return lostAfter;
    }

    /**
     * The master ended {@code sessions} of the silent {@code server}: it is lost until it registers or reports again,
     * and then these sessions' programs are stopped (see {@link #returned()}).
     */
    public synchronized void lost(String server, Collection<String> sessions) {
        Member member = members.get(server);
        if (member != null) {
            member.lostSessions = List.copyOf(sessions);
        }
    }

    /**
     * The lost servers that registered or reported again since the last call, each with the sessions that were
     * ended while it was lost: a server that was only cut off from the master may still run their programs.
     */
    public synchronized List<Returned> returned() {
        List<Returned> returned = List.copyOf(this.comeBack);
        this.comeBack.clear();
        return returned;
    }

    /** A lost server that is back, at {@code agentUrl}; {@code endedSessions} were ended while it was lost. */
    public record Returned(String server, String agentUrl, List<String> endedSessions) {
    }

    public boolean offers(String app) {
        return registered.values().stream().anyMatch(server -> server.registration().applications().contains(app));
    }

    /** The applications the servers in selection offer, by name. */
    public synchronized SortedSet<String> applications() {
        return members.values().stream()
                .filter(member -> member.registration != null && member.availability == Availability.UP)
                .flatMap(member -> member.registration.applications().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Where a server is; unknown for a server that is not registered. */
    public Location location(String server) {
        Registered found = registered.get(server);
        return found == null ? Location.UNKNOWN : found.location();
    }

    public Optional<String> agentUrl(String server) {
        return Optional.ofNullable(registered.get(server)).map(found -> found.registration().agentUrl());
    }

    public synchronized Board board() {
        if (board == null) {
            board = new Board(members.values().stream().filter(member -> member.registration != null)
                    .map(Member::view).toList());
        } else if (!changed.isEmpty()) {
            board = board.with(changed.stream().filter(member -> member.registration != null).map(Member::view)
                    .toList());
        }
        changed.clear();
        return board;
    }

    /** A registration or report of {@code member} arrived: if it was lost, it is back. */
    /** The last sign of life of {@code member}'s agent: its last report or launch. */
    private Instant lastHeard(Member member) {
        Instant launched = launchedAt.get(member.name);
        return launched != null && launched.isAfter(member.lastReport) ? launched : member.lastReport;
    }

    private void heardFrom(Member member) {
        if (member.lostSessions != null) {
            comeBack.add(new Returned(member.name, member.registration.agentUrl(), member.lostSessions));
            member.lostSessions = null;
        }
    }

    /** {@code member} is about to change: its view is made anew, and the board takes it, when next asked for. */
    private Member changing(Member member) {
        member.view = null;
        changed.add(member);
        return member;
    }

    /** Each registered server with its state and latest report, for operators. */
    public synchronized List<ServerStatus> status() {
        return members.values().stream().filter(member -> member.registration != null)
                .map(member -> new ServerStatus(member.view(), member.registration.agentUrl(), member.lastReport,
                        member.latest))
                .toList();
    }

    /** A server as operators see it: the selection view plus its latest report. */
    public record ServerStatus(ServerView view, String agentUrl, Instant lastReportAt, LoadReport latest) {
    }

    private static final class Member {
        private final String name;
        private final Map<String, Integer> clients = new HashMap<>();
        private ServerRegistration registration;
        private Location location = Location.UNKNOWN;
        private Availability availability = Availability.UP;
        private LoadReport latest;
        private Instant lastReport = Instant.EPOCH;
        private Instant joined;
        private long ordersSent;
        /** The view as of the last change; null when it changed since. */
        private ServerView view;
        /** Set while the server is lost: the sessions the master ended for it. */
        private List<String> lostSessions;

        private Member(String name) {
            this.name = name;
        }

        private ServerView view() {
            if (view == null) {
                view = view(ordersSent, clients.keySet());
            }
            return view;
        }

        private ServerView view(long orders, Set<String> serving) {
            int reported = latest == null ? 0 : latest.capacityUsed();
            long seen = latest == null ? 0 : latest.launchOrders();
            int placedSinceReport = (int) Math.max(0, orders - seen);
            return new ServerView(name, location, Set.copyOf(registration.applications()),
                    registration.capacity(), availability, reported + placedSinceReport, serving, joined);
        }
    }
}
