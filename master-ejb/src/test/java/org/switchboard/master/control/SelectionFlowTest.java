package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.history.entity.ClientRequest;
import org.switchboard.history.entity.Outcome;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.RelayTokens;
import org.switchboard.protocol.SelectionInstruction;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.SessionInfo;
import org.switchboard.protocol.SessionOpened;
import org.switchboard.protocol.SlaveReport;
import org.switchboard.selection.Board;
import org.switchboard.selection.Candidate;
import org.switchboard.selection.Decision;
import org.switchboard.selection.Selection;
import org.switchboard.selection.ServerView;

/**
 * The selection flow with the master's real fleet, slaves, selection and tickets; only what agents, the ledger and the
 * history would do is kept in memory here ({@link Recorded}).
 */
class SelectionFlowTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);
    private static final String CENTRAL = "central";
    private static final String EDGE = "edge";
    private static final String BERLIN = "eu/de/ber";
    private static final String NEW_YORK = "us/ny/nyc";

    private final MovingClock clock = new MovingClock();
    private final Fleet fleet = new Fleet(Duration.ofMinutes(10), Duration.ZERO);
    private final Slaves slaves = new Slaves(Duration.ofMinutes(10));
    private final Recorded outside = new Recorded();
    private final SelectionFlow flow = new SelectionFlow(fleet, slaves, new Selection(),
            new Tickets("a key for the tickets of this test".getBytes(), clock, TICKET_LIFETIME),
            new RelayTokens(new java.security.SecureRandom()), clock, TICKET_LIFETIME, Duration.ofSeconds(5),
            outside);

    @BeforeEach
    void twoServersAndTwoSlaves() {
        server("fra", "eu/de/fra");
        server("nyc", NEW_YORK);
        slaves.report(slave(EDGE, "eu/de"), START);
    }

    @Test
    void theRequestingSlaveServesWhenItIsTheNearest() {
        SelectionInstruction answer = flow.select(request("new-yorker", NEW_YORK, null));

        assertThat(answer.redirect()).isNull();
        assertThat(answer.opened().session().server()).isEqualTo("nyc");
        assertThat(outside.launched).extracting(LaunchInstruction::client).containsExactly("new-yorker");
        assertThat(outside.outcomes()).containsExactly(Outcome.PLACED);
        assertThat(HistoryReasons.read(outside.history.get(0).getReasons()))
                .as("the history keeps every candidate's scores").extracting(Candidate::server, Candidate::proximity)
                .containsExactly(tuple("nyc", 3), tuple("fra", 0));
    }

    @Test
    void aFartherClientIsRedirectedAndTheProgramIsLaunchedForItOnTheTicketsServer() {
        SelectionInstruction answer = flow.select(request("berliner", BERLIN, null));

        assertThat(answer.opened()).isNull();
        assertThat(answer.redirect().slave()).isEqualTo(EDGE);
        assertThat(answer.redirect().server()).isEqualTo("fra");
        assertThat(outside.launched).as("prepared before the client arrives").hasSize(1);
        assertThat(outside.outcomes()).containsExactly(Outcome.REDIRECTED);
        assertThat(load("fra")).as("placed once, for the client on its way").isEqualTo(1);
    }

    @Test
    void theArrivingClientTakesThePreparedProgramOnceAndAReplayedTicketLaunchesAnew() {
        String ticket = flow.select(request("berliner", BERLIN, null)).redirect().ticket();
        String prepared = outside.launched.get(0).session();

        SessionOpened served = flow.select(arrival("berliner", ticket)).opened();

        assertThat(served.session().id()).as("the prepared session").isEqualTo(prepared);
        assertThat(outside.launched).as("launched once").hasSize(1);
        assertThat(load("fra")).as("still placed once").isEqualTo(1);

        SessionOpened replayed = flow.select(arrival("berliner", ticket)).opened();
        assertThat(replayed.session().id()).isNotEqualTo(prepared);
        assertThat(outside.launched).as("a replayed ticket finds no prepared program").hasSize(2);
    }

    @Test
    void theSlaveTheClientIsSentToHearsOfTheArrivalOnceItsProgramRuns() {
        String ticket = flow.select(request("berliner", BERLIN, null)).redirect().ticket();

        assertThat(outside.arrivals).hasSize(1);
        Notice notice = outside.arrivals.get(0);
        assertThat(notice.slave()).isEqualTo(EDGE);
        assertThat(notice.url()).isEqualTo("http://127.0.0.1:1/" + EDGE);
        assertThat(notice.arrival().program().session()).isEqualTo(outside.launched.get(0).session());
        assertThat(notice.arrival().program().bridged()).as("cat is a stdio program").isTrue();
        assertThat(notice.arrival().holdMillis()).as("until the ticket expires").isEqualTo(TICKET_LIFETIME.toMillis());

        SessionOpened served = flow.select(arrival("berliner", ticket)).opened();
        assertThat(RelayTokens.matches(served.relayToken(), notice.arrival().relayTokenHash()))
                .as("the arriving client's token is the one the slave was told of").isTrue();
        assertThat(outside.arrivals).as("the client served tells nobody").hasSize(1);
    }

    @Test
    void noSlaveHearsOfAProgramThatDidNotStart() {
        outside.failuresToCome.set(1);

        String ticket = flow.select(request("berliner", BERLIN, null)).redirect().ticket();

        assertThat(outside.arrivals).isEmpty();
        SessionOpened served = flow.select(arrival("berliner", ticket)).opened();
        assertThat(served.session().server()).as("launched when the client came").isEqualTo("fra");
        assertThat(outside.arrivals).isEmpty();
    }

    @Test
    void aForgedTicketIsRefusedAndTakesNothing() {
        String ticket = flow.select(request("berliner", BERLIN, null)).redirect().ticket();

        assertThatThrownBy(() -> flow.select(arrival("berliner", ticket + "x"))).isInstanceOf(InvalidTicket.class);
        assertThatThrownBy(() -> flow.select(arrival("someone-else", ticket))).isInstanceOf(InvalidTicket.class);
        assertThat(flow.select(arrival("berliner", ticket)).opened().session().id())
                .isEqualTo(outside.launched.get(0).session());
    }

    @Test
    void reconfirmationChoosesAgainWhenTheTicketsServerCannotServeAndStopsThePreparedProgram() {
        String ticket = flow.select(request("berliner", BERLIN, null)).redirect().ticket();
        fleet.drain("fra", true);

        SessionOpened served = flow.select(arrival("berliner", ticket)).opened();

        assertThat(served.session().server()).isEqualTo("nyc");
        assertThat(outside.discarded).extracting(PreparedLaunch::server).containsExactly("fra");
        assertThat(clientsOf("fra")).as("the prepared program's place is released").isEmpty();
    }

    @Test
    void aProgramPreparedForATicketNobodyUsesIsStoppedOnceTheTicketExpired() {
        flow.select(request("no-show", BERLIN, null));

        clock.now = START.plus(TICKET_LIFETIME);
        flow.discardExpired(clock.instant());
        assertThat(outside.discarded).as("valid until its expiry").isEmpty();

        clock.now = START.plus(TICKET_LIFETIME).plusMillis(1);
        flow.discardExpired(clock.instant());
        flow.discardExpired(clock.instant());
        assertThat(outside.discarded).as("once").extracting(PreparedLaunch::clientId).containsExactly("no-show");
        assertThat(clientsOf("fra")).isEmpty();
    }

    @Test
    void aFailedLaunchIsTriedOnceMoreOnAnotherServer() {
        outside.failuresToCome.set(1);

        SessionOpened served = flow.select(request("new-yorker", NEW_YORK, null)).opened();

        assertThat(served.session().server()).isEqualTo("fra");
        assertThat(outside.outcomes()).containsExactly(Outcome.FAILED, Outcome.PLACED);
        assertThat(clientsOf("nyc")).as("released after the failure").isEmpty();
        assertThat(clientsOf("fra")).containsExactly("new-yorker");
    }

    @Test
    void aRehearsalDecidesForEveryApplicationAndChangesNothing() {
        server("ber", BERLIN, List.of("cat", "bash"));
        flow.select(request("new-yorker", NEW_YORK, null));
        Board before = fleet.board();
        var slavesBefore = slaves.views(START);
        int launches = outside.launched.size();

        List<ClientRequest> rehearsed = flow.rehearse(START);

        assertThat(rehearsed).extracting(ClientRequest::getApp).containsExactly("bash", "cat");
        assertThat(rehearsed).allSatisfy(entry -> {
            assertThat(entry.getOutcome()).isEqualTo(Outcome.PLACED);
            assertThat(entry.getServer()).isNotNull();
            assertThat(entry.getSessionId()).isNotNull();
            assertThat(HistoryReasons.read(entry.getReasons())).isNotEmpty();
        });
        assertThat(fleet.board()).as("no placement counted").isEqualTo(before);
        assertThat(outside.launched).as("nothing launched").hasSize(launches);
        assertThat(outside.history).as("nothing recorded").hasSize(1);
        assertThat(slaves.views(START)).as("no slave counts a client").isEqualTo(slavesBefore);
        assertThat(rehearsed).extracting(ClientRequest::getClientId).containsOnly(SelectionFlow.REHEARSAL_CLIENT);
        assertThatThrownBy(() -> SessionRequest.of("cat", SelectionFlow.REHEARSAL_CLIENT, null))
                .as("no request can carry the rehearsal's client").isInstanceOf(InvalidRequest.class);
    }

    @Test
    void anUnknownApplicationIsRefusedAndRecorded() {
        assertThatThrownBy(() -> flow.select(new SelectionRequest("nothing-like-it", "someone", NEW_YORK, null,
                slave(CENTRAL, "us/ny")))).isInstanceOf(UnknownApplication.class);
        assertThat(outside.outcomes()).containsExactly(Outcome.REJECTED);
    }

    private void server(String name, String location) {
        server(name, location, List.of("cat"));
    }

    private void server(String name, String location, List<String> applications) {
        fleet.register(new org.switchboard.protocol.ServerRegistration(name, "http://127.0.0.1:1/" + name, location,
                3, applications), START.minus(Duration.ofHours(1)));
        fleet.report(new org.switchboard.protocol.LoadReport(name, 0, 0, 0, 0, 0), START);
    }

    private ServerView view(String server) {
        return fleet.board().servers().stream().filter(view -> view.name().equals(server)).findFirst().orElseThrow();
    }

    private int load(String server) {
        return view(server).load();
    }

    private java.util.Set<String> clientsOf(String server) {
        return view(server).clients();
    }

    private static SlaveReport slave(String name, String location) {
        return new SlaveReport(name, "http://127.0.0.1:1/" + name, location, 10, 0, 0, 0);
    }

    private static SelectionRequest request(String client, String location, String ticket) {
        return new SelectionRequest("cat", client, location, ticket, slave(CENTRAL, "us/ny"));
    }

    private static SelectionRequest arrival(String client, String ticket) {
        return new SelectionRequest("cat", client, BERLIN, ticket, slave(EDGE, "eu/de"));
    }

    private record Notice(String slave, String url, Arrival arrival) {
    }

    private static final class MovingClock extends Clock {
        private Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Agents that launch at once (or fail as told), a ledger and a history in memory. */
    private static final class Recorded implements SelectionFlow.Outside {
        private final List<LaunchInstruction> launched = new ArrayList<>();
        private final List<PreparedLaunch> discarded = new ArrayList<>();
        private final List<String> tokens = new ArrayList<>();
        private final List<ClientRequest> history = new ArrayList<>();
        private final List<Notice> arrivals = new ArrayList<>();
        private final AtomicInteger failuresToCome = new AtomicInteger();
        private int port = 20_000;

        @Override
        public LaunchNotification launch(String server, String agentUrl, LaunchInstruction instruction) {
            if (failuresToCome.getAndDecrement() > 0) {
                throw new LaunchFailed(server, "told to fail");
            }
            launched.add(instruction);
            return new LaunchNotification(instruction.session(), 100 + launched.size(),
                    new Endpoint("127.0.0.1", port++), "stdio");
        }

        @Override
        public <T> CompletableFuture<T> inBackground(Supplier<T> task) {
            return CompletableFuture.supplyAsync(task, Runnable::run);
        }

        @Override
        public void stop(String agentUrl, String session) {
        }

        @Override
        public void discarded(PreparedLaunch unused) {
            discarded.add(unused);
        }

        @Override
        public SessionOpened opened(SessionRequest request, String sessionId, String relayToken, String server,
                                    LaunchNotification launched, Decision decision, ClientRequest placement) {
            tokens.add(relayToken);
            history.add(placement);
            return new SessionOpened(new SessionInfo(sessionId, request.clientId(), request.app(), launched.kind(),
                    server, null, launched.pid(), launched.endpoint(), "running", START, null, null), relayToken,
                    null);
        }

        @Override
        public void arriving(String slave, String url, Arrival arrival) {
            arrivals.add(new Notice(slave, url, arrival));
        }

        @Override
        public void history(ClientRequest entry) {
            history.add(entry);
        }

        private List<Outcome> outcomes() {
            return history.stream().map(ClientRequest::getOutcome).toList();
        }
    }
}
