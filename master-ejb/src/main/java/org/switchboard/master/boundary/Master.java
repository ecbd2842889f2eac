package org.switchboard.master.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.fleet.entity.LoadRecord;
import org.switchboard.database.DatabaseSettings;
import org.switchboard.history.entity.ClientRequest;
import org.switchboard.history.entity.Outcome;
import org.switchboard.master.control.Agents;
import org.switchboard.master.control.Fleet;
import org.switchboard.master.control.LaunchFailed;
import org.switchboard.master.control.MasterGroup;
import org.switchboard.master.control.InvalidRequest;
import org.switchboard.master.control.NoSlaveAvailable;
import org.switchboard.master.control.PreparedLaunches;
import org.switchboard.master.control.SlaveStatus;
import org.switchboard.master.control.Slaves;
import org.switchboard.master.control.Ticket;
import org.switchboard.master.control.Tickets;
import org.switchboard.protocol.Redirect;
import org.switchboard.protocol.SelectionInstruction;
import org.switchboard.protocol.SlaveReport;
import org.switchboard.selection.NearestSlave;
import org.switchboard.selection.SlaveView;
import org.switchboard.master.control.Ledger;
import org.switchboard.master.control.NoServerAvailable;
import org.switchboard.master.control.AccessRefused;
import org.switchboard.master.control.RelayTokens;
import org.switchboard.master.control.UnknownApplication;
import org.switchboard.master.control.UnknownSession;
import org.switchboard.master.control.WriteBehind;
import org.switchboard.protocol.DecisionReport;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.ErrorBody;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.LoadReport;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.protocol.SessionInfo;
import org.switchboard.protocol.SessionOpened;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.selection.Board;
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
    private static final int LAUNCH_ATTEMPTS = 2;

    @Inject
    @ConfigProperty(name = "switchboard.secret")
    String secret;
    @Inject
    @ConfigProperty(name = "switchboard.master.report-timeout-ms", defaultValue = "6000")
    long reportTimeoutMillis;
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
    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedExecutorService executor;

    private static final Clock CLOCK = Clock.systemUTC();
    // Everything else is made in start(), not in field initialisers: the container makes a proxy of this class for
    // every injection point, and a proxy runs the initialisers too (JsonbBuilder.create() scans class path jars).
    private Jsonb json;
    /** Sessions whose program exited before the session was recorded: ended as soon as it is. */
    private Set<String> exitedEarly;
    private NearestSlave nearestSlave;
    private Selection selection;
    private Slaves slaves;
    private Tickets tickets;
    private SharedSecret sharedSecret;
    private Fleet fleet;
    private Client http;
    private Agents agents;
    private RelayTokens tokens;
    /** Programs launched for redirected clients before they arrive (patent Fig. 7, arrow 653), by ticket. */
    private PreparedLaunches<Prepared> prepared;
    /** History and load reports, written behind the decisions. */
    private WriteBehind<Object> records;

    @PostConstruct
    void start() {
        LOG.info(() -> "database: " + DatabaseSettings.fromConfig());
        json = JsonbBuilder.create();
        records = new WriteBehind<>("history and load records", ledger::record, writeBehindCapacity, 500, threads);
        exitedEarly = ConcurrentHashMap.newKeySet();
        nearestSlave = new NearestSlave();
        sharedSecret = new SharedSecret(secret);
        selection = new Selection(SelectionPolicy.DEFAULTS.withGroupByClient(groupByClient)
                .withNearestFirst(nearestFirst).withSpillMargin(spillMargin)
                .withSlowStart(Duration.ofMillis(slowStartMillis), slowStartShare));
        fleet = new Fleet(Duration.ofMillis(reportTimeoutMillis));
        slaves = new Slaves(Duration.ofMillis(reportTimeoutMillis));
        tickets = new Tickets(sharedSecret.derive("redirect tickets"), CLOCK, Duration.ofMillis(ticketLifetimeMillis));
        http = ClientBuilder.newBuilder().connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(launchTimeoutMillis, TimeUnit.MILLISECONDS).build();
        agents = new Agents(http, sharedSecret, Duration.ofMillis(launchTimeoutMillis));
        tokens = new RelayTokens(new SecureRandom());
        prepared = new PreparedLaunches<>();
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

    @PreDestroy
    void stop() {
        records.close();
        http.close();
    }

    // --- agents (patent: processing servers report their load "from time to time")

    public void register(ServerRegistration registration) {
        Instant now = CLOCK.instant();
        fleet.register(registration, now);
        ledger.registered(registration, now);
        executor.execute(() -> agents.warmUp(registration.agentUrl()));
        LOG.info(() -> "processing server " + registration.server() + " registered at " + registration.location()
                + " offering " + registration.applications());
    }

    /** False when the server is unknown: its agent should register again. */
    public boolean report(LoadReport report) {
        Instant now = CLOCK.instant();
        if (!fleet.report(report, now)) {
            return false;
        }
        records.add(new LoadRecord(report.server(), now, report.cpuLoad(), report.memoryLoad(), report.programs(),
                report.capacityUsed()));
        return true;
    }

    public void programExited(String server, ProgramExit exit) {
        String reason = "program exited" + (exit.exitCode() == null ? "" : " with code " + exit.exitCode());
        if (ledger.session(exit.session()).isEmpty()) {
            exitedEarly.add(exit.session());
            return;
        }
        ledger.end(exit.session(), reason, CLOCK.instant())
                .ifPresent(session -> fleet.released(session.getServer(), session.getClientId()));
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void takeSilentServersOutOfSelection() {
        group.decides(); // a member that became the decider takes over now, not at its first request
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
        prepared.expired(CLOCK.instant()).forEach(unused -> discard(unused, "its ticket expired unused"));
    }

    // --- clients (patent Fig. 6 and 11: select, instruct the server, notify the client before the link)

    /**
     * A selection request (patent Fig. 8 and 12): chooses the processing server and the slave to serve. When that is
     * the requesting slave, or the request carries a ticket to it, launches the program (re-confirming the ticket's
     * server if it can still take the request, else choosing again); otherwise answers with a redirect and a ticket.
     * A ticket is followed once: a request that carries one is never redirected again.
     */
    @Override
    public SelectionInstruction select(SelectionRequest asked) {
        group.decideOrRefuse();
        SessionRequest request = SessionRequest.of(asked.app(), asked.clientId(), asked.location());
        if (asked.slave() == null) {
            throw new InvalidRequest("a selection request must name the requesting slave");
        }
        Instant requestedAt = CLOCK.instant();
        slaves.report(asked.slave(), requestedAt);
        Optional<Ticket> ticket = Optional.ofNullable(asked.ticket())
                .map(carried -> tickets.verify(carried, request.clientId(), request.app(), asked.slave().name()));
        ticket.ifPresent(arrived -> slaves.arrived(asked.slave().name(), asked.ticket()));
        // taken once: a replayed ticket finds no prepared program
        Optional<Prepared> preparedLaunch = ticket.flatMap(arrived -> prepared.take(asked.ticket()));
        if (!fleet.offers(request.app())) {
            records.add(new ClientRequest(request.clientId(), request.app(), request.location().toString(),
                    null, null, Outcome.REJECTED, requestedAt, 0, "unknown application"));
            throw new UnknownApplication(request.app());
        }
        String sessionId = UUID.randomUUID().toString();
        Set<String> failed = new HashSet<>();
        LaunchFailed lastFailure = null;
        for (int attempt = 0; attempt < LAUNCH_ATTEMPTS; attempt++) {
            long started = System.nanoTime();
            Decision decision;
            String server;
            Optional<SlaveView> slave = Optional.empty();
            String redirectTicket = null;
            Optional<Prepared> usable = Optional.empty();
            Prepared preparing = null;
            synchronized (fleet) {
                Board board = fleet.board().without(failed);
                if (preparedLaunch.isPresent()) {
                    // the program prepared for this very client is no competition for its server's room
                    board = board.withOneProgramFewer(preparedLaunch.get().server());
                }
                decision = selection.select(board.at(requestedAt), request.demand());
                server = ticket.map(Ticket::server).filter(reconfirmed -> eligible(decision, reconfirmed))
                        .or(decision::chosen).orElse(null);
                if (server != null && ticket.isEmpty()) {
                    slave = nearestSlave.choose(slaves.views(requestedAt), asked.slave().name(), request.location(),
                            fleet.location(server));
                }
                boolean servesHere = ticket.isPresent() || slave.map(SlaveView::name)
                        .filter(asked.slave().name()::equals).isPresent();
                String chosen = server;
                usable = preparedLaunch.filter(launch -> launch.server().equals(chosen));
                if (server != null && servesHere && usable.isPresent()) {
                    // placed when it was prepared: counted once
                    slaves.serving(asked.slave().name());
                } else if (server != null && servesHere) {
                    fleet.placed(server, request.clientId());
                    if (attempt == 0) { // one client, however many launch attempts it takes
                        slaves.serving(asked.slave().name());
                    }
                } else if (server != null && slave.isPresent()) {
                    redirectTicket = tickets.issue(request.clientId(), request.app(), slave.get().name(), server);
                    slaves.redirected(slave.get().name(), redirectTicket,
                            requestedAt.plusMillis(ticketLifetimeMillis));
                    Optional<String> agentUrl = fleet.agentUrl(server);
                    if (agentUrl.isPresent()) {
                        fleet.placed(server, request.clientId()); // the redirected client's one placement
                        preparing = new Prepared(UUID.randomUUID().toString(), server, request.clientId(),
                                agentUrl.get(), null);
                    }
                }
            }
            if (usable.isEmpty()) {
                preparedLaunch.ifPresent(elsewhere -> discard(elsewhere, "the client's request went to "
                        + chosenOrNone(server) + " on re-confirmation"));
            }
            preparedLaunch = Optional.empty(); // used or discarded: a second attempt launches as usual
            long decisionNanos = System.nanoTime() - started;
            if (server == null) {
                records.add(history(request, null, null, Outcome.REJECTED, requestedAt, decisionNanos, decision));
                throw new NoServerAvailable(request.app(), decision.exclusions().stream()
                        .map(candidate -> new ErrorBody.ServerReason(candidate.server(), candidate.excluded())).toList());
            }
            if (ticket.isEmpty() && slave.isEmpty()) {
                records.add(history(request, server, null, Outcome.REJECTED, requestedAt, decisionNanos,
                        decision));
                throw new NoSlaveAvailable();
            }
            if (redirectTicket != null) {
                SlaveView to = slave.get();
                if (preparing != null) {
                    prepare(redirectTicket, preparing, request);
                }
                records.add(history(request, server, null, Outcome.REDIRECTED, requestedAt, decisionNanos,
                        decision));
                return SelectionInstruction.redirect(new Redirect(to.name(), to.url(), server, redirectTicket));
            }
            try {
                Optional<LaunchNotification> ready = usable.flatMap(this::awaitPrepared);
                if (usable.isPresent() && ready.isEmpty()) {
                    stop(usable.get().agentUrl(), usable.get().sessionId()); // in case it comes up after all
                }
                return SelectionInstruction.serve(launch(request, ready.isPresent() ? usable.get().sessionId()
                        : sessionId, server, decision, requestedAt, decisionNanos, ready));
            } catch (LaunchFailed e) {
                LOG.warning(e.getMessage());
                fleet.released(server, request.clientId());
                records.add(history(request, server, sessionId, Outcome.FAILED, requestedAt, decisionNanos,
                        decision));
                failed.add(server);
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static boolean eligible(Decision decision, String server) {
        return decision.candidates().stream().anyMatch(candidate -> candidate.server().equals(server)
                && candidate.eligible());
    }

    @Override
    public void report(SlaveReport report) {
        slaves.report(report, CLOCK.instant());
    }

    public List<SlaveStatus> slaves() {
        return slaves.statuses(CLOCK.instant());
    }

    private static String chosenOrNone(String server) {
        return server == null ? "no server" : "server " + server;
    }

    /**
     * What the master started for a redirected client before it arrives: a program for session {@code sessionId} on
     * {@code server}, placed there for {@code clientId}; {@code launch} answers once it is ready (or failed).
     */
    private record Prepared(String sessionId, String server, String clientId, String agentUrl,
                            CompletableFuture<LaunchNotification> launch) {
    }

    /**
     * Patent Fig. 7, arrow 653: the master instructs the selected server right away, in the background, so that the
     * program is ready, or on its way, when the client arrives with the ticket.
     */
    private void prepare(String ticket, Prepared placed, SessionRequest request) {
        CompletableFuture<LaunchNotification> launch = executor.supplyAsync(() -> agents.launch(placed.server(),
                placed.agentUrl(), new LaunchInstruction(placed.sessionId(), request.app(), request.clientId())));
        prepared.add(ticket, new Prepared(placed.sessionId(), placed.server(), placed.clientId(), placed.agentUrl(),
                launch), CLOCK.instant().plusMillis(ticketLifetimeMillis));
    }

    /** The prepared program once it is ready; empty when its launch failed (the client is launched for as usual). */
    private Optional<LaunchNotification> awaitPrepared(Prepared launch) {
        try {
            return Optional.of(launch.launch().get(launchTimeoutMillis, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning(() -> "the program prepared for session " + launch.sessionId() + " on " + launch.server()
                    + " is not there (" + e + "): launching again");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailed(launch.server(), "interrupted while waiting for the prepared program");
        }
    }

    /** A prepared program nobody takes: its placement is released once and the program stopped when it is up. */
    private void discard(Prepared unused, String reason) {
        LOG.info(() -> "stopping the program prepared for session " + unused.sessionId() + " on " + unused.server()
                + ": " + reason);
        fleet.released(unused.server(), unused.clientId());
        exitedEarly.remove(unused.sessionId());
        unused.launch().whenCompleteAsync((launched, failure) -> {
            if (launched != null) {
                stop(unused.agentUrl(), unused.sessionId());
            }
            exitedEarly.remove(unused.sessionId());
        }, executor);
    }

    private SessionOpened launch(SessionRequest request, String sessionId, String server, Decision decision,
                                 Instant requestedAt, long decisionNanos, Optional<LaunchNotification> prelaunched) {
        String agentUrl = fleet.agentUrl(server).orElseThrow(() -> new LaunchFailed(server, "not registered"));
        LaunchNotification launched = prelaunched.orElseGet(() -> agents.launch(server, agentUrl,
                new LaunchInstruction(sessionId, request.app(), request.clientId())));
        String token = tokens.newToken();
        ProgramSession session = new ProgramSession(sessionId, request.clientId(), request.app(), server,
                launched.pid(), launched.endpoint().host(), launched.endpoint().port(), launched.kind(),
                RelayTokens.hash(token),
                CLOCK.instant());
        try {
            ledger.opened(session);
        } catch (RuntimeException e) {
            // no program without a session that owns it
            agents.stop(agentUrl, sessionId);
            fleet.released(server, request.clientId());
            throw e;
        }
        records.add(history(request, server, sessionId, Outcome.PLACED, requestedAt, decisionNanos, decision));
        if (exitedEarly.remove(sessionId)) {
            programExited(server, new ProgramExit(sessionId, null));
        }
        return new SessionOpened(info(session), token, report(decision));
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
            LOG.warning(() -> records.backlog() + " records still waiting for the database; the history shows the rest");
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

    private ClientRequest history(SessionRequest request, String server, String sessionId, Outcome outcome,
                                  Instant requestedAt, long decisionNanos, Decision decision) {
        return new ClientRequest(request.clientId(), request.app(), request.location().toString(), server, sessionId,
                outcome, requestedAt, decisionNanos, json.toJson(report(decision).candidates()));
    }
}
