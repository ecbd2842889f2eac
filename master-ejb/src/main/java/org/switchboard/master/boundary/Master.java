package org.switchboard.master.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.database.DatabaseSettings;
import org.switchboard.fleet.entity.LoadRecord;
import org.switchboard.history.entity.ClientRequest;
import org.switchboard.master.control.AccessRefused;
import org.switchboard.master.control.Agents;
import org.switchboard.master.control.ArrivalNotices;
import org.switchboard.master.control.EarlyExits;
import org.switchboard.master.control.Fleet;
import org.switchboard.master.control.HistoryReasons;
import org.switchboard.master.control.HttpCalls;
import org.switchboard.master.control.Ledger;
import org.switchboard.master.control.MasterGroup;
import org.switchboard.master.control.Messages;
import org.switchboard.master.control.PreparedLaunch;
import org.switchboard.master.control.SelectionFlow;
import org.switchboard.master.control.SessionRequest;
import org.switchboard.master.control.SlaveStatus;
import org.switchboard.master.control.Slaves;
import org.switchboard.master.control.Tickets;
import org.switchboard.master.control.UnknownSession;
import org.switchboard.master.control.WriteBehind;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.DecisionReport;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.LoadBalancingSlave;
import org.switchboard.protocol.LoadReport;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.Redirect;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.RelayTokens;
import org.switchboard.protocol.SelectionInstruction;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.protocol.SessionInfo;
import org.switchboard.protocol.SessionOpened;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.SlaveReport;
import org.switchboard.selection.Candidate;
import org.switchboard.selection.Decision;
import org.switchboard.selection.Selection;
import org.switchboard.selection.SelectionPolicy;
import org.switchboard.sessions.entity.ProgramSession;

/**
 * The load balancing master. Selection happens in one short critical section over the in-memory {@link Fleet};
 * launching, which takes as long as the program needs to get ready, happens outside it, so decisions never queue
 * behind launches. Every database write goes through the {@link Ledger} in a transaction of its own.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// the database is chosen by configuration (switchboard.db.url ..., H2 in switchboard.dbdir by default): see
// DatabaseSettings; the server pools the connections the ConfiguredDataSource makes
@DataSourceDefinition(name = "java:app/jdbc/switchboard", className = "org.switchboard.database.ConfiguredDataSource")
@LocalBean
@Local(LoadBalancingMaster.class)
public class Master implements LoadBalancingMaster {

    private static final Logger LOG = Logger.getLogger(Master.class.getName());
    private static final int EARLY_EXITS_KEPT = 10_000;
    /** How long an answer waits for its request history entry to be written. */
    private static final Duration HISTORY_WAIT = Duration.ofSeconds(5);
    /** Agent calls at once in the background: each waits for a program's start. */
    private static final int BACKGROUND_THREADS = 64;
    /**
     * Stops of programs nobody needs any more (prepared ones nobody took) at once. They run apart from the launches:
     * an agent short of CPU takes seconds to stop a program, and stops that shared the launches' threads left the
     * launches of arriving clients waiting for a thread.
     */
    private static final int STOP_THREADS = 8;
    /** How often a member of a master group that does not decide rehearses a decision (see {@link #rehearse}). */
    private static final Duration REHEARSAL_INTERVAL = Duration.ofSeconds(5);
    /** What stands for names, tokens and hashes in a rehearsal: like its client, nothing a request may carry. */
    private static final String REHEARSAL = SelectionFlow.REHEARSAL_CLIENT;

    @Inject
    @ConfigProperty(name = "switchboard.secret")
    String secret;
    @Inject
    @ConfigProperty(name = "switchboard.master.report-timeout-ms", defaultValue = "6000")
    long reportTimeoutMillis;
    @Inject
    @ConfigProperty(name = "switchboard.master.server-lost-seconds", defaultValue = "300")
    long serverLostSeconds;
    @Inject
    @ConfigProperty(name = "switchboard.master.launch-timeout-ms", defaultValue = "30000")
    long launchTimeoutMillis;
    @Inject
    @ConfigProperty(name = "switchboard.master.ticket-lifetime-ms", defaultValue = "30000")
    long ticketLifetimeMillis;
    @Inject
    @ConfigProperty(name = "switchboard.selection.group-by-client", defaultValue = "true")
    boolean groupByClient;
    @Inject
    @ConfigProperty(name = "switchboard.selection.nearest-first", defaultValue = "true")
    boolean nearestFirst;
    @Inject
    @ConfigProperty(name = "switchboard.selection.spill-margin", defaultValue = "0.75")
    double spillMargin;
    @Inject
    @ConfigProperty(name = "switchboard.selection.slow-start.window-ms", defaultValue = "60000")
    long slowStartMillis;
    @Inject
    @ConfigProperty(name = "switchboard.selection.slow-start.initial-share", defaultValue = "0.1")
    double slowStartShare;
    @Inject
    @ConfigProperty(name = "switchboard.master.write-behind.capacity", defaultValue = "20000")
    int writeBehindCapacity;
    @EJB
    Ledger ledger;
    @Inject
    MasterGroup group;
    @Inject
    Messages messages;
    @Resource
    ManagedThreadFactory threads;

    private static final Clock CLOCK = Clock.systemUTC();
    // Everything else is made in start(), not in field initialisers: the container makes a proxy of this class for
    // every injection point, and a proxy runs the initialisers too.
    /** Sessions whose program exited before the session was recorded: ended as soon as it is. */
    private EarlyExits exitedEarly;
    private Slaves slaves;
    private SharedSecret sharedSecret;
    private Fleet fleet;
    private Agents agents;
    /** Notices to slaves of the clients on their way to them (patent Fig. 7, arrow 653). */
    private ArrivalNotices arrivalNotices;
    /** Selection requests, from the ticket check to the redirect or the launch. */
    private SelectionFlow flow;
    /**
     * Request history and load reports, written in batches by one thread: load reports behind the agents' calls,
     * history entries before their answers (group commit).
     */
    private WriteBehind<Object> records;
    /**
     * Calls to agents that no client waits for (prepared launches, stops of unused programs), on managed threads kept
     * between calls: Payara captures the thread context of every task given to a managed executor with a class-path
     * scan, a tenth of the master's CPU when every selection is a redirect; here it does so once per thread.
     */
    private ExecutorService background;
    private ExecutorService stops;
    /** When this member last rehearsed a decision; only the timer's thread uses it. */
    private Instant lastRehearsal;

    @PostConstruct
    void start() {
        LOG.info(() -> "database: " + DatabaseSettings.fromConfig());
        records = new WriteBehind<>("history and load records", ledger::record, writeBehindCapacity, 500, threads);
        background = executor(BACKGROUND_THREADS);
        stops = executor(STOP_THREADS);
        // a session is recorded at most a ticket's lifetime (a prepared program) and a launch after its program started
        exitedEarly = new EarlyExits(Duration.ofMillis(ticketLifetimeMillis + launchTimeoutMillis), EARLY_EXITS_KEPT);
        sharedSecret = new SharedSecret(secret);
        Selection selection = new Selection(SelectionPolicy.DEFAULTS.withGroupByClient(groupByClient)
                .withNearestFirst(nearestFirst).withSpillMargin(spillMargin)
                .withSlowStart(Duration.ofMillis(slowStartMillis), slowStartShare));
        fleet = new Fleet(Duration.ofMillis(reportTimeoutMillis), Duration.ofSeconds(serverLostSeconds));
        slaves = new Slaves(Duration.ofMillis(reportTimeoutMillis));
        Tickets tickets = new Tickets(sharedSecret.derive("redirect tickets"), CLOCK,
                Duration.ofMillis(ticketLifetimeMillis));
        HttpCalls http = new HttpCalls(sharedSecret, Duration.ofSeconds(2)); // to agents and slaves
        agents = new Agents(http, messages.json(), Duration.ofMillis(launchTimeoutMillis));
        arrivalNotices = new ArrivalNotices(http, messages.json());
        flow = new SelectionFlow(fleet, slaves, selection, tickets, new RelayTokens(new SecureRandom()), CLOCK,
                Duration.ofMillis(ticketLifetimeMillis), Duration.ofMillis(launchTimeoutMillis), new AgentsAndLedger());
        Instant now = CLOCK.instant();
        // servers known before a restart stay out of selection unless they report within the timeout
        ledger.servers().forEach(server -> fleet.register(new ServerRegistration(server.getName(),
                server.getAgentUrl(), server.getLocation(), server.getCapacity(), server.getApplications()), now));
        ledger.runningSessions().forEach(session -> fleet.running(session.getServer(), session.getClientId()));
        group.onTakeOver(this::takeOver);
    }

    /**
     * Becoming the decider of a master group: the sessions running now are read from the database (the load board is
     * warm already, since agents and slaves report to every member).
     */
    private void takeOver() {
        List<ProgramSession> running = ledger.runningSessions();
        synchronized (fleet) {
            fleet.forgetRunning();
            running.forEach(session -> fleet.running(session.getServer(), session.getClientId()));
        }
        LOG.info(() -> "took over deciding with " + running.size() + " sessions running");
    }

    /** Up to {@code size} threads of the container's, kept a minute after their last task. */
    private ExecutorService executor(int size) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
        stops.shutdownNow();
        records.close();
    }

    // --- agents (patent: processing servers report their load "from time to time")

    public void register(ServerRegistration registration) {
        Instant now = CLOCK.instant();
        fleet.register(registration, now);
        try {
            ledger.registered(registration, now);
        } catch (EJBException e) {
            // an agent registers with every member of a group at once: another member may have recorded this server's
            // first registration meanwhile (its row now exists, so this one updates it)
            LOG.fine(() -> "recording the registration of " + registration.server() + " again: " + e);
            ledger.registered(registration, now);
        }
        background.execute(() -> agents.warmUp(registration.agentUrl()));
        LOG.info(() -> "processing server " + registration.server() + " registered at " + registration.location()
                + " offering " + registration.applications());
    }

    /** False when the server is unknown: its agent should register again. */
    public boolean report(LoadReport report) {
        Instant now = CLOCK.instant();
        if (!fleet.report(report, now)) {
            return false;
        }
        if (group.decides()) { // agents report to every member: the group's load history is written once
            records.add(new LoadRecord(report.server(), now, report.cpuLoad(), report.memoryLoad(), report.programs(),
                    report.capacityUsed()));
        }
        return true;
    }

    /**
     * Ends the sessions of programs that ended on {@code server}, in one transaction. An exit whose session is not
     * recorded yet (it overtook its launch's answer) is kept, and ends the session when it is recorded.
     */
    public void programsExited(String server, List<ProgramExit> exits) {
        Map<String, String> reasons = new LinkedHashMap<>();
        exits.forEach(exit -> reasons.put(exit.session(), exit.endReason()));
        Set<String> early = new HashSet<>(reasons.keySet());
        early.removeAll(ledger.recorded(reasons.keySet()));
        if (!early.isEmpty()) {
            early.forEach(session -> exitedEarly.add(session, CLOCK.instant()));
            // a session recorded meanwhile may not have found its exit: then it is ended here
            Set<String> recordedMeanwhile = ledger.recorded(early);
            early.removeIf(session -> recordedMeanwhile.contains(session) && exitedEarly.take(session));
            reasons.keySet().removeAll(early);
        }
        if (!reasons.isEmpty()) {
            ledger.endAll(reasons, CLOCK.instant())
                    .forEach(session -> fleet.released(session.getServer(), session.getClientId()));
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void takeSilentServersOutOfSelection() {
        // a member that became the decider takes over now, not at its first request
        boolean deciding = group.decides();
        List<String> silent = fleet.markSilentDown(CLOCK.instant());
        if (!silent.isEmpty()) {
            LOG.warning(() -> "no load report within " + reportTimeoutMillis + " ms, out of selection: " + silent);
            ledger.markedDown(silent);
        }
        List<String> silentSlaves = slaves.silent(CLOCK.instant());
        if (!silentSlaves.isEmpty()) {
            LOG.warning(() -> "no slave report within " + reportTimeoutMillis + " ms, out of the choice: "
                    + silentSlaves);
        }
        flow.discardExpired(CLOCK.instant());
        exitedEarly.forgetOld(CLOCK.instant());
        endSessionsOfLostServers();
        if (!deciding) {
            rehearse(CLOCK.instant());
        }
    }

    /**
     * A member that does not decide goes through the decisions it would make, their writes (rolled back) and the read
     * of a take-over, every {@link #REHEARSAL_INTERVAL}: when it takes over, its first decisions run at full speed
     * instead of loading and linking their code while the whole hand-over waits (see {@link SelectionFlow#rehearse}).
     */
    private void rehearse(Instant now) {
        if (lastRehearsal != null && now.isBefore(lastRehearsal.plus(REHEARSAL_INTERVAL))) {
            return;
        }
        lastRehearsal = now;
        try {
            List<ClientRequest> placements = flow.rehearse(now);
            List<Rehearsed> placed = placements.stream().filter(placement -> placement.getSessionId() != null)
                    .map(placement -> new Rehearsed(placement, rehearsalSession(placement, now))).toList();
            ledger.rehearse(placed.stream().map(Rehearsed::session).toList(), placements);
            agents.rehearse();
            arrivalNotices.rehearse();
            placed.forEach(this::rehearseAnswers);
            ledger.runningSessions();
            group.rehearsed();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rehearsing a decision failed; this member may be slow to take over", e);
        }
    }

    /**
     * A server silent for {@code server-lost-seconds} is taken for lost (its agent died and did not come back, or its
     * machine did): its running sessions end ({@code server-lost}). Should it come back after all, the programs of
     * those sessions are stopped there; an agent restarted on its journal has stopped them already, and the exits it
     * reports ({@code left-by-dead-agent}) find the sessions ended.
     */
    private void endSessionsOfLostServers() {
        Instant now = CLOCK.instant();
        long silentSeconds = fleet.lostAfter().toSeconds();
        for (String server : fleet.silentSinceLostAfter(now)) {
            List<ProgramSession> ended = ledger.endRunningOn(server, "server-lost: no load report from " + server
                    + " for " + silentSeconds + " s", now);
            ended.forEach(session -> fleet.released(server, session.getClientId()));
            fleet.lost(server, ended.stream().map(ProgramSession::getId).toList());
            LOG.warning(() -> "processing server " + server + " is lost (no load report for " + silentSeconds
                    + " s): ended its " + ended.size() + " running sessions");
        }
        for (Fleet.Returned back : fleet.returned()) {
            LOG.info(() -> "processing server " + back.server() + " is back after it was lost; stopping the programs"
                    + " of the " + back.endedSessions().size() + " sessions ended meanwhile");
            if (!back.endedSessions().isEmpty()) {
                stops.execute(() -> back.endedSessions().forEach(session -> stop(back.agentUrl(), session)));
            }
        }
    }

    /** A rehearsed placement and the session it would have opened. */
    private record Rehearsed(ClientRequest placement, ProgramSession session) {
    }

    private static ProgramSession rehearsalSession(ClientRequest placement, Instant now) {
        return new ProgramSession(placement.getSessionId(), placement.getClientId(), placement.getApp(),
                placement.getServer(), 1, "127.0.0.1", 1, "stdio", REHEARSAL, now);
    }

    /** Reads a selection request and writes the answers to it, as the REST API does, with the same JSON-B. */
    private void rehearseAnswers(Rehearsed rehearsed) {
        Jsonb json = messages.json();
        ProgramSession session = rehearsed.session();
        Decision decision = new Decision(Optional.of(session.getServer()), REHEARSAL,
                HistoryReasons.read(rehearsed.placement().getReasons()));
        json.toJson(SelectionInstruction.serve(new SessionOpened(info(session), REHEARSAL, report(decision))));
        json.toJson(SelectionInstruction.redirect(new Redirect(REHEARSAL, "http://127.0.0.1", session.getServer(),
                REHEARSAL)));
        json.fromJson(json.toJson(new SelectionRequest(session.getApp(), session.getClientId(), REHEARSAL, null,
                new SlaveReport(REHEARSAL, "http://127.0.0.1", REHEARSAL, 1, 0, 0, 0))), SelectionRequest.class);
    }

    // --- clients (patent Fig. 6 and 11: select, instruct the server, notify the client before the link)

    /**
     * A selection request (patent Fig. 8 and 12): chooses the processing server and the slave to serve, and serves
     * or redirects; see {@link SelectionFlow}.
     */
    @Override
    public SelectionInstruction select(SelectionRequest asked) {
        group.decideOrRefuse();
        return flow.select(asked);
    }

    @Override
    public void report(SlaveReport report) {
        slaves.report(report, CLOCK.instant());
    }

    public List<SlaveStatus> slaves() {
        return slaves.statuses(CLOCK.instant());
    }

    /** The slave deployed with this master: it hears of its arriving clients in process. */
    @Override
    public void attach(String slave, LoadBalancingSlave here) {
        arrivalNotices.attach(slave, here);
        LOG.info(() -> "slave " + slave + " is deployed with this master: it hears of its arrivals in process");
    }

    /** What the selection flow has agents, the ledger and the history do. */
    private final class AgentsAndLedger implements SelectionFlow.Outside {

        @Override
        public LaunchNotification launch(String server, String agentUrl, LaunchInstruction instruction) {
            LaunchNotification launched = agents.launch(server, agentUrl, instruction);
            fleet.launched(server, CLOCK.instant());
            return launched;
        }

        @Override
        public <T> CompletableFuture<T> inBackground(Supplier<T> task) {
            return CompletableFuture.supplyAsync(task, background);
        }

        @Override
        public void stop(String agentUrl, String session) {
            Master.this.stop(agentUrl, session);
        }

        @Override
        public void discarded(PreparedLaunch unused) {
            exitedEarly.take(unused.sessionId());
            unused.launch().whenCompleteAsync((launched, failure) -> {
                if (launched != null) {
                    stop(unused.agentUrl(), unused.sessionId());
                }
                exitedEarly.take(unused.sessionId());
            }, stops);
        }

        @Override
        public SessionOpened opened(SessionRequest request, String sessionId, String relayToken, String server,
                                    LaunchNotification launched, Decision decision, ClientRequest placement) {
            ProgramSession session = new ProgramSession(sessionId, request.clientId(), request.app(), server,
                    launched.pid(), launched.endpoint().host(), launched.endpoint().port(), launched.kind(),
                    RelayTokens.hash(relayToken), CLOCK.instant());
            ledger.opened(session, placement);
            if (exitedEarly.take(sessionId)) {
                programsExited(server, List.of(new ProgramExit(sessionId, null)));
            }
            return new SessionOpened(info(session), relayToken, report(decision));
        }

        @Override
        public void arriving(String slave, String url, Arrival arrival) {
            arrivalNotices.tell(slave, url, arrival);
        }

        @Override
        public void history(ClientRequest entry) {
            // the answer waits for the write (batched with whatever else is queued): a master killed after answering
            // has lost no history; a database that stays slow only delays the answer, the entry stays queued
            records.add(entry);
            if (!records.awaitWritten(HISTORY_WAIT)) {
                LOG.warning(() -> "the request history is not written after " + HISTORY_WAIT.toSeconds()
                        + " s; answering anyway (" + records.backlog() + " records queued)");
            }
        }
    }

    /** A session as its owner sees it: {@code token} is the session's relay token. */
    @Override
    public SessionInfo session(String id, String token) {
        return info(owned(id, token));
    }

    /** Ends a session and its program at its owner's request (patent: the client is done with the application). */
    @Override
    public SessionInfo close(String id, String token) {
        owned(id, token);
        return end(id, "ended by the client");
    }

    /** Ends a session and its program, whoever owns it: for operators and the master itself. */
    public SessionInfo end(String id, String reason) {
        ledger.session(id).orElseThrow(() -> new UnknownSession(id));
        // recorded before the agent is told, so the exit its stop causes cannot take the reason's place
        ledger.end(id, reason, CLOCK.instant()).ifPresent(ended -> {
            fleet.released(ended.getServer(), ended.getClientId());
            fleet.agentUrl(ended.getServer()).ifPresent(agentUrl -> stop(agentUrl, id));
        });
        return info(ledger.session(id).orElseThrow(() -> new UnknownSession(id)));
    }

    private void stop(String agentUrl, String session) {
        try {
            agents.stop(agentUrl, session);
        } catch (RuntimeException e) {
            // the session stays ended: its agent also ends every program no client is connected to
            LOG.warning(() -> "could not tell " + agentUrl + " to stop session " + session + ": " + e.getMessage());
        }
    }

    /** Where the relay of a running session connects to, once the token proves the caller owns the session. */
    @Override
    public RelayTarget relayTarget(String id, String token) {
        ProgramSession session = owned(id, token);
        if (!session.isRunning()) {
            throw new AccessRefused("session " + id + " has ended: " + session.getEndReason());
        }
        return new RelayTarget(id, new Endpoint(session.getEndpointHost(), session.getEndpointPort()),
                session.getEndpointKind());
    }

    private ProgramSession owned(String id, String token) {
        ProgramSession session = ledger.session(id).orElseThrow(() -> new UnknownSession(id));
        if (!RelayTokens.matches(token, session.getRelayTokenHash())) {
            throw new AccessRefused("session " + id + " needs its token (Authorization: Bearer <token> or ?token=)");
        }
        return session;
    }

    // --- operators

    public List<Fleet.ServerStatus> servers() {
        return fleet.status();
    }

    public boolean drain(String server, boolean drained) {
        return fleet.drain(server, drained);
    }

    @Override
    public List<String> applications() {
        return List.copyOf(fleet.applications());
    }

    public List<SessionInfo> sessions(int limit) {
        return ledger.sessions(limit).stream().map(this::info).toList();
    }

    public List<RequestView> history(int limit) {
        if (!records.awaitWritten(Duration.ofSeconds(5))) {
            LOG.warning(() -> records.backlog()
                    + " records still waiting for the database; the history shows the rest");
        }
        return ledger.history(limit).stream().map(RequestView::of).toList();
    }

    private SessionInfo info(ProgramSession session) {
        return new SessionInfo(session.getId(), session.getClientId(), session.getApp(), session.getEndpointKind(),
                session.getServer(),
                locationOf(session.getServer()), session.getPid(),
                new Endpoint(session.getEndpointHost(), session.getEndpointPort()),
                session.getState().name().toLowerCase(), session.getCreatedAt(), session.getEndedAt(),
                session.getEndReason());
    }

    /** The decision in the wire form: each candidate's scores, or why it was excluded. */
    private static DecisionReport report(Decision decision) {
        return new DecisionReport(decision.chosen().orElse(null), decision.reason(), decision.candidates().stream()
                .map(candidate -> new DecisionReport.CandidateReport(candidate.server(), candidate.excluded(),
                        candidate.eligible() ? scores(candidate) : null))
                .toList());
    }

    private static Map<String, Object> scores(Candidate candidate) {
        return Map.of("servesClient", candidate.servesClient(), "proximity", candidate.proximity(),
                "utilisation", candidate.utilisation(), "slowStartShare", candidate.slowStartShare(),
                "score", candidate.score());
    }

    private String locationOf(String server) {
        return fleet.location(server).toString();
    }
}
