package org.switchboard.master.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.switchboard.history.entity.ClientRequest;
import org.switchboard.history.entity.Outcome;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.ErrorBody;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.Redirect;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.RelayTokens;
import org.switchboard.protocol.SelectionInstruction;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.SessionOpened;
import org.switchboard.selection.Board;
import org.switchboard.selection.Decision;
import org.switchboard.selection.Demand;
import org.switchboard.selection.Location;
import org.switchboard.selection.NearestSlave;
import org.switchboard.selection.Selection;
import org.switchboard.selection.SlaveView;

/**
 * One selection request through the master (patent Fig. 8 and 12), in plain Java: the ticket check, the choice of
 * server and slave in one short critical section over the {@link Fleet}, and then one of
 * <ul>
 * <li>a redirect with a ticket to the slave that should serve, and the program launched at once on the ticket's server
 * for the client on its way; once it runs, that slave hears of the arrival, so it can link to the program before the
 * client comes (Fig. 7, arrow 653: {@link #prepare});</li>
 * <li>serving through the requesting slave: with the program prepared for the client's ticket if it is on the server
 * chosen now (re-confirmation, Fig. 12, 1214), else launched now; a failed launch is tried once more elsewhere.</li>
 * </ul>
 * A ticket is followed once: a request that carries one is never redirected again, and takes its prepared program
 * once. What happens outside the master's memory — agents, the ledger, the history — goes through {@link Outside}.
 */
public final class SelectionFlow {

    private static final Logger LOG = Logger.getLogger(SelectionFlow.class.getName());
    private static final int LAUNCH_ATTEMPTS = 2;
    /**
     * The made-up client of {@link #rehearse}: not a client id a request may carry ({@link SessionRequest}), so that
     * nothing rehearsed can be taken for a client's.
     */
    public static final String REHEARSAL_CLIENT = "~rehearsal";

    /** What a selection has done outside the master's memory: by agents, in the ledger and in the history. */
    public interface Outside {

        /** Has {@code server}'s agent launch a program; answers once it is ready, else throws {@link LaunchFailed}. */
        LaunchNotification launch(String server, String agentUrl, LaunchInstruction instruction);

        /** Runs {@code task} in the background. */
        <T> CompletableFuture<T> inBackground(Supplier<T> task);

        /** Has an agent stop a session's program; a failure is logged, not thrown. */
        void stop(String agentUrl, String session);

        /** A prepared program nobody takes is stopped once it is up, whenever that is. */
        void discarded(PreparedLaunch unused);

        /**
         * Records the session of a launched program whose relay token is {@code relayToken} (only its hash is kept),
         * together with its {@code placement} in the request history, and answers what the client is told (patent
         * Fig. 11: the session exists before the client hears of it).
         */
        SessionOpened opened(SessionRequest request, String sessionId, String relayToken, String server,
                             LaunchNotification launched, Decision decision, ClientRequest placement);

        /**
         * Tells the slave named {@code slave}, at {@code url}, that a client is on its way with a running program;
         * a failure is logged, not thrown (the slave links the client when it arrives).
         */
        void arriving(String slave, String url, Arrival arrival);

        /** Writes an entry of the request history; the client hears the answer once it is written. */
        void history(ClientRequest entry);
    }

    private final Fleet fleet;
    private final Slaves slaves;
    private final Selection selection;
    private final NearestSlave nearestSlave;
    private final Tickets tickets;
    private final RelayTokens relayTokens;
    private final Clock clock;
    private final Duration ticketLifetime;
    private final Duration launchTimeout;
    private final Outside outside;
    /** Programs launched for redirected clients before they arrive, by ticket. */
    private final ExpiringMap<PreparedLaunch> prepared = new ExpiringMap<>();

    public SelectionFlow(Fleet fleet, Slaves slaves, Selection selection, Tickets tickets, RelayTokens relayTokens,
                         Clock clock, Duration ticketLifetime, Duration launchTimeout, Outside outside) {
        this.fleet = fleet;
        this.slaves = slaves;
        this.selection = selection;
        this.nearestSlave = new NearestSlave();
        this.tickets = tickets;
        this.relayTokens = relayTokens;
        this.clock = clock;
        this.ticketLifetime = ticketLifetime;
        this.launchTimeout = launchTimeout;
        this.outside = outside;
    }

    /**
     * Chooses the processing server and the slave to serve. When that is the requesting slave, or the request carries
     * a ticket to it, answers the opened session (re-confirming the ticket's server if it can still take the request,
     * else choosing again); otherwise answers with a redirect and a ticket.
     */
    public SelectionInstruction select(SelectionRequest asked) {
        SessionRequest request = SessionRequest.of(asked.app(), asked.clientId(), asked.location());
        if (asked.slave() == null) {
            throw new InvalidRequest("a selection request must name the requesting slave");
        }
        Instant requestedAt = clock.instant();
        slaves.report(asked.slave(), requestedAt);
        Optional<Ticket> ticket = Optional.ofNullable(asked.ticket())
                .map(carried -> tickets.verify(carried, request.clientId(), request.app(), asked.slave().name()));
        ticket.ifPresent(arrived -> slaves.arrived(asked.slave().name(), asked.ticket()));
        if (!fleet.offers(request.app())) {
            outside.history(new ClientRequest(request.clientId(), request.app(), request.location().toString(),
                    null, null, Outcome.REJECTED, requestedAt, 0, "unknown application"));
            throw new UnknownApplication(request.app());
        }
        // taken once: a replayed ticket finds no prepared program
        Optional<PreparedLaunch> preparedLaunch = ticket.flatMap(arrived -> prepared.take(asked.ticket()));
        String sessionId = UUID.randomUUID().toString();
        Set<String> failed = new HashSet<>();
        LaunchFailed lastFailure = null;
        for (int attempt = 0; attempt < LAUNCH_ATTEMPTS; attempt++) {
            long started = System.nanoTime();
            Choice choice = choose(request, asked, ticket, preparedLaunch, failed, requestedAt, attempt == 0);
            if (choice.usable().isEmpty()) {
                preparedLaunch.ifPresent(elsewhere -> discard(elsewhere, "the client's request went to "
                        + (choice.server() == null ? "no server" : "server " + choice.server())
                        + " on re-confirmation"));
            }
            preparedLaunch = Optional.empty(); // used or discarded: a second attempt launches as usual
            long decisionNanos = System.nanoTime() - started;
            if (choice.server() == null) {
                outside.history(history(request, null, null, Outcome.REJECTED, requestedAt, decisionNanos,
                        choice.decision()));
                throw new NoServerAvailable(request.app(), choice.decision().exclusions().stream()
                        .map(candidate -> new ErrorBody.ServerReason(candidate.server(), candidate.excluded()))
                        .toList());
            }
            if (choice.redirectTo().isPresent()) {
                return redirect(request, choice, requestedAt, decisionNanos);
            }
            if (!choice.servesHere()) {
                outside.history(history(request, choice.server(), null, Outcome.REJECTED, requestedAt, decisionNanos,
                        choice.decision()));
                throw new NoSlaveAvailable();
            }
            try {
                return SelectionInstruction.serve(serve(request, sessionId, choice, requestedAt, decisionNanos));
            } catch (LaunchFailed e) {
                LOG.warning(e.getMessage());
                fleet.released(choice.server(), request.clientId());
                outside.history(history(request, choice.server(), sessionId, Outcome.FAILED, requestedAt,
                        decisionNanos, choice.decision()));
                failed.add(choice.server());
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    /**
     * What the master chose, and placed on the chosen server: a server (null if none can serve) and either the
     * requesting slave serving, with the prepared program if it is on that server, or a redirect to another slave.
     */
    private record Choice(Decision decision, String server, boolean servesHere, Optional<PreparedLaunch> usable,
                          Optional<SlaveView> redirectTo, String ticket, Optional<String> preparingOn) {
    }

    /**
     * The choice the master would make over {@code board} and the slaves' {@code views}, changing nothing: the server
     * (the ticket's if it can still take the request: re-confirmation, Fig. 12, 1214), and, for a request without a
     * ticket, the slave to serve.
     */
    private record Plan(Decision decision, String server, Optional<SlaveView> slave) {
    }

    private Plan plan(Board board, List<SlaveView> views, Demand demand, String requesting, Optional<Ticket> ticket,
                      Instant at) {
        Decision decision = selection.select(board.at(at), demand);
        String server = ticket.map(Ticket::server).filter(reconfirmed -> eligible(decision, reconfirmed))
                .or(decision::chosen).orElse(null);
        Optional<SlaveView> slave = server == null || ticket.isPresent() ? Optional.empty()
                : nearestSlave.choose(views, requesting, demand.location(), fleet.location(server));
        return new Plan(decision, server, slave);
    }

    /** The critical section: the plan over the board, and the placement that the next decision must see. */
    private Choice choose(SessionRequest request, SelectionRequest asked, Optional<Ticket> ticket,
                          Optional<PreparedLaunch> preparedLaunch, Set<String> failed, Instant requestedAt,
                          boolean firstAttempt) {
        String requesting = asked.slave().name();
        synchronized (fleet) {
            Board board = fleet.board().without(failed);
            if (preparedLaunch.isPresent()) {
                // the program prepared for this very client is no competition for its server's room
                board = board.withOneProgramFewer(preparedLaunch.get().server());
            }
            Plan plan = plan(board, slaves.views(requestedAt), request.demand(), requesting, ticket, requestedAt);
            String server = plan.server();
            if (server == null) {
                return new Choice(plan.decision(), null, false, Optional.empty(), Optional.empty(), null,
                        Optional.empty());
            }
            if (ticket.isPresent() || plan.slave().map(SlaveView::name).filter(requesting::equals).isPresent()) {
                Optional<PreparedLaunch> usable = preparedLaunch.filter(launch -> launch.server().equals(server));
                if (usable.isEmpty()) { // else placed when it was prepared: counted once
                    fleet.placed(server, request.clientId());
                }
                if (firstAttempt) { // one client, however many launch attempts it takes
                    slaves.serving(requesting);
                }
                return new Choice(plan.decision(), server, true, usable, Optional.empty(), null, Optional.empty());
            }
            if (plan.slave().isEmpty()) {
                return new Choice(plan.decision(), server, false, Optional.empty(), Optional.empty(), null,
                        Optional.empty());
            }
            SlaveView to = plan.slave().get();
            String redirectTicket = tickets.issue(request.clientId(), request.app(), to.name(), server);
            slaves.redirected(to.name(), redirectTicket, requestedAt.plus(ticketLifetime));
            Optional<String> agentUrl = fleet.agentUrl(server);
            agentUrl.ifPresent(placedFor -> fleet.placed(server, request.clientId())); // the redirected client's one
            return new Choice(plan.decision(), server, false, Optional.empty(), plan.slave(), redirectTicket,
                    agentUrl);
        }
    }

    private static boolean eligible(Decision decision, String server) {
        return decision.candidates().stream().anyMatch(candidate -> candidate.server().equals(server)
                && candidate.eligible());
    }

    private SelectionInstruction redirect(SessionRequest request, Choice choice, Instant requestedAt,
                                          long decisionNanos) {
        SlaveView to = choice.redirectTo().orElseThrow();
        choice.preparingOn().ifPresent(agentUrl -> prepare(choice.ticket(), choice.server(), agentUrl, request, to));
        outside.history(history(request, choice.server(), null, Outcome.REDIRECTED, requestedAt, decisionNanos,
                choice.decision()));
        return SelectionInstruction.redirect(new Redirect(to.name(), to.url(), choice.server(), choice.ticket()));
    }

    /**
     * Patent Fig. 7, arrow 653: the master instructs the selected server right away, in the background, so that the
     * program is ready, or on its way, when the client arrives with the ticket; once it runs, the selected slave
     * hears of the arrival. The slave hears of it before the launch counts as done, so a client that arrives earlier
     * and waits for its program finds the slave ready too, never linking twice.
     */
    private void prepare(String ticket, String server, String agentUrl, SessionRequest request, SlaveView to) {
        String sessionId = UUID.randomUUID().toString();
        String relayToken = relayTokens.newToken();
        Instant expires = clock.instant().plus(ticketLifetime);
        CompletableFuture<LaunchNotification> launch = outside.inBackground(() -> {
            LaunchNotification launched = outside.launch(server, agentUrl,
                    new LaunchInstruction(sessionId, request.app(), request.clientId()));
            long holdMillis = Duration.between(clock.instant(), expires).toMillis();
            if (holdMillis > 0) {
                outside.arriving(to.name(), to.url(), new Arrival(new RelayTarget(sessionId, launched.endpoint(),
                        launched.kind()), RelayTokens.hash(relayToken), holdMillis));
            }
            return launched;
        });
        prepared.put(ticket, new PreparedLaunch(sessionId, server, request.clientId(), agentUrl, relayToken, launch),
                expires);
    }

    /** Serves through the requesting slave: the prepared program if there is a usable one and it came up, else anew. */
    private SessionOpened serve(SessionRequest request, String sessionId, Choice choice, Instant requestedAt,
                                long decisionNanos) {
        String server = choice.server();
        Optional<PreparedLaunch> usable = choice.usable();
        Optional<LaunchNotification> ready = usable.flatMap(this::awaitPrepared);
        if (usable.isPresent() && ready.isEmpty()) {
            outside.stop(usable.get().agentUrl(), usable.get().sessionId()); // in case it comes up after all
        }
        String agentUrl = fleet.agentUrl(server).orElseThrow(() -> new LaunchFailed(server, "not registered"));
        String id = ready.isPresent() ? usable.get().sessionId() : sessionId;
        String relayToken = ready.isPresent() ? usable.get().relayToken() : relayTokens.newToken();
        LaunchNotification launched = ready.orElseGet(() -> outside.launch(server, agentUrl,
                new LaunchInstruction(id, request.app(), request.clientId())));
        SessionOpened opened;
        try {
            opened = outside.opened(request, id, relayToken, server, launched, choice.decision(),
                    history(request, server, id, Outcome.PLACED, requestedAt, decisionNanos, choice.decision()));
        } catch (RuntimeException e) {
            // no program without a session that owns it
            outside.stop(agentUrl, id);
            fleet.released(server, request.clientId());
            throw e;
        }
        return opened;
    }

    /** The prepared program once it is ready; empty when its launch failed (the client is launched for as usual). */
    private Optional<LaunchNotification> awaitPrepared(PreparedLaunch launch) {
        try {
            return Optional.of(launch.launch().get(launchTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning(() -> "the program prepared for session " + launch.sessionId() + " on " + launch.server()
                    + " is not there (" + e + "): launching again");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailed(launch.server(), "interrupted while waiting for the prepared program");
        }
    }

    /**
     * Goes through a decision for a made-up client of each offered application, as {@link #select} would — the same
     * {@link #plan}, a ticket, the board derived for the placement — and changes nothing: no placement is counted, no
     * slave is told, no ticket is kept. A member of a master group that does not decide rehearses regularly, so that
     * the code of a decision is loaded, linked and compiled when it takes over: the first decisions of a member that
     * never decided were seen to hold the fleet for 0.4 s each on a busy machine, while the requests of the whole
     * hand-over waited behind them.
     *
     * @return the request history entries the decisions would have written, for the caller to rehearse their writing
     */
    public List<ClientRequest> rehearse(Instant now) {
        Board board = fleet.board();
        List<SlaveView> views = slaves.views(now);
        String requesting = views.isEmpty() ? null : views.get(0).name();
        List<ClientRequest> entries = new ArrayList<>();
        for (String app : fleet.applications()) {
            Demand demand = new Demand(REHEARSAL_CLIENT, app, Location.UNKNOWN);
            long started = System.nanoTime();
            Plan plan = plan(board.without(Set.of()), views, demand, requesting, Optional.empty(), now);
            if (plan.server() != null) {
                plan.slave().ifPresent(to -> tickets.issue(demand.clientId(), app, to.name(), plan.server()));
                fleet.boardAfterPlacing(plan.server(), demand.clientId());
            }
            entries.add(history(demand, plan.server(), plan.server() == null ? null : UUID.randomUUID().toString(),
                    Outcome.PLACED, now, System.nanoTime() - started, plan.decision()));
        }
        return entries;
    }

    /** Stops the programs prepared for tickets that expired before {@code now}: their clients never came. */
    public void discardExpired(Instant now) {
        prepared.expired(now).forEach(unused -> discard(unused, "its ticket expired unused"));
    }

    /** A prepared program nobody takes: its placement is released once and the program stopped when it is up. */
    private void discard(PreparedLaunch unused, String reason) {
        LOG.info(() -> "stopping the program prepared for session " + unused.sessionId() + " on " + unused.server()
                + ": " + reason);
        fleet.released(unused.server(), unused.clientId());
        outside.discarded(unused);
    }

    private static ClientRequest history(SessionRequest request, String server, String sessionId, Outcome outcome,
                                         Instant requestedAt, long decisionNanos, Decision decision) {
        return history(request.demand(), server, sessionId, outcome, requestedAt, decisionNanos, decision);
    }

    private static ClientRequest history(Demand demand, String server, String sessionId, Outcome outcome,
                                         Instant requestedAt, long decisionNanos, Decision decision) {
        return new ClientRequest(demand.clientId(), demand.app(), demand.location().toString(), server, sessionId,
                outcome, requestedAt, decisionNanos, HistoryReasons.write(decision.candidates()));
    }
}
