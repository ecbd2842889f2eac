package org.switchboard.slave.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.Refusal;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.SlaveReport;

/** A slave's line to a master group, against small real HTTP servers on loopback that play the masters. */
class RemoteMasterTest {

    private static final SharedSecret SECRET = new SharedSecret("a-test-secret-of-some-length");
    private static final SlaveReport SLAVE = new SlaveReport("edge", "http://127.0.0.1:1", "eu", 10, 0, 0, 0);
    private static final SelectionRequest REQUEST = new SelectionRequest("cat", "client-1", "eu", null, SLAVE);
    private static final String PLACED = "{\"opened\":{\"relayToken\":\"t\",\"session\":{\"id\":\"s-1\"}}}";
    private static final String NOT_DECIDING = "{\"error\":\"not-deciding\",\"reason\":\"a member\"}";

    private final List<FakeMaster> masters = new ArrayList<>();

    @AfterEach
    void stopMasters() {
        masters.forEach(FakeMaster::stop);
    }

    @Test
    void aMasterThatCannotBeReachedIsPassedAtOnceAndTheOneThatAnswersIsAskedFirstFromThenOn() {
        URI dead = deadAddress();
        FakeMaster second = master(200, PLACED);
        RemoteMaster line = line(Duration.ZERO, dead, second.url());

        long started = System.nanoTime();
        assertThat(line.select(REQUEST).opened().session().id()).isEqualTo("s-1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(line.current()).isEqualTo(second.url());

        line.select(REQUEST);
        assertThat(second.calls).hasSize(2).allMatch(call -> call.startsWith("POST /api/v1/master/selections Bearer "));
    }

    @Test
    void aMemberThatDoesNotDecideSendsTheRequestToTheNextMaster() {
        FakeMaster member = master(503, NOT_DECIDING);
        FakeMaster decider = master(200, PLACED);
        RemoteMaster line = line(Duration.ZERO, member.url(), decider.url());

        assertThat(line.select(REQUEST).opened().relayToken()).isEqualTo("t");
        assertThat(line.current()).isEqualTo(decider.url());
        line.select(REQUEST);

        assertThat(member.calls).hasSize(1);
        assertThat(decider.calls).hasSize(2).allMatch(call -> call.contains("\"clientId\":\"client-1\""));
    }

    @Test
    void theDecidersRefusalIsTheAnswerAndNoOtherMasterIsAsked() {
        FakeMaster decider = master(400, "{\"error\":\"unknown-application\",\"reason\":\"no such app\"}");
        FakeMaster other = master(200, PLACED);
        RemoteMaster line = line(Duration.ZERO, decider.url(), other.url());

        assertThatThrownBy(() -> line.select(REQUEST)).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.body().error()).isEqualTo("unknown-application");
        });
        assertThat(other.calls).isEmpty();
    }

    @Test
    void aRequestWhoseAnswerWasLostIsNotRepeatedAtAnotherMaster() {
        FakeMaster dying = master(0, ""); // reads the request, then closes the connection without an answer
        FakeMaster other = master(200, PLACED);
        RemoteMaster line = line(Duration.ofSeconds(2), dying.url(), other.url());

        assertThatThrownBy(() -> line.select(REQUEST)).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(503);
            assertThat(refusal.body().error()).isEqualTo("master-unreachable");
        });
        assertThat(dying.calls).hasSize(1);
        assertThat(other.calls).as("the request may have been placed: it is not placed again").isEmpty();
    }

    @Test
    void whileNoMasterDecidesTheMastersAreAskedAgainUntilOneDoes() {
        FakeMaster first = master(503, NOT_DECIDING);
        FakeMaster second = master(503, NOT_DECIDING);
        RemoteMaster line = line(Duration.ofSeconds(5), first.url(), second.url());
        second.answerAfter(3, 200, PLACED); // decides from its third call on, as after a hand-over

        assertThat(line.select(REQUEST).opened().session().id()).isEqualTo("s-1");
        assertThat(second.calls).hasSize(3);
        assertThat(line.current()).isEqualTo(second.url());
    }

    @Test
    void whenNoMasterDecidesWithinTheWaitTheClientHearsSo() {
        FakeMaster first = master(503, NOT_DECIDING);
        RemoteMaster line = line(Duration.ofMillis(300), first.url(), deadAddress());

        assertThatThrownBy(() -> line.select(REQUEST)).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(503);
            assertThat(refusal.body().error()).isEqualTo("no-master");
            assertThat(refusal.body().reason()).contains("does not decide", "cannot be reached");
        });
        assertThat(first.calls).hasSizeGreaterThan(1);
    }

    @Test
    void sessionCallsFailOverLikeSelections() {
        FakeMaster member = master(503, NOT_DECIDING);
        FakeMaster decider = master(200, "[\"cat\",\"echo\"]");
        RemoteMaster line = line(Duration.ZERO, deadAddress(), member.url(), decider.url());

        assertThat(line.applications()).containsExactly("cat", "echo");
    }

    @Test
    void loadReportsGoToEveryMasterThatCanBeReached() {
        FakeMaster first = master(204, "");
        FakeMaster second = master(204, "");
        URI dead = deadAddress();
        RemoteMaster line = line(Duration.ZERO, first.url(), dead, second.url());

        line.report(SLAVE);

        awaitTrue("the report reached both masters that listen", () -> first.calls.size() == 1
                && second.calls.size() == 1);
        assertThat(first.calls).singleElement().asString().startsWith("POST /api/v1/master/slaves")
                .contains("\"name\":\"edge\"");
        awaitTrue("the master that cannot be reached is known not to take reports",
                () -> line.notTakingReports().equals(Set.of(dead)));
    }

    @Test
    void aMasterThatRefusesReportsIsKnownUntilItTakesThemAgain() {
        FakeMaster master = master(500, "");
        master.answerAfter(2, 204, "");
        RemoteMaster line = line(Duration.ZERO, master.url());

        line.report(SLAVE);
        awaitTrue("the refusal is known", () -> line.notTakingReports().equals(Set.of(master.url()))
                && line.unansweredReports().isEmpty());
        line.report(SLAVE);
        awaitTrue("the report taken is known", () -> line.notTakingReports().isEmpty());
    }

    /**
     * A master that hangs (a member stalled in a long pause, or one that takes calls and does not answer) holds up no
     * report to the others, and is sent no more reports while its last one is unanswered.
     */
    @Test
    void aMasterThatHangsHoldsUpNoReportsToTheOthers() {
        FakeMaster hanging = master(-1, "");
        FakeMaster answering = master(204, "");
        RemoteMaster line = line(Duration.ZERO, hanging.url(), answering.url());

        for (int report = 1; report <= 3; report++) {
            line.report(SLAVE);
            int sent = report;
            awaitTrue("report " + report + " answered by the master that answers", () -> answering.calls.size() == sent
                    && line.unansweredReports().equals(Set.of(hanging.url())));
        }

        awaitTrue("the first report reached the master that hangs", () -> hanging.calls.size() == 1);
        assertThat(hanging.calls).as("reports sent to the master that hangs").hasSize(1);
    }

    private static RemoteMaster line(Duration handOverWait, URI... masters) {
        return new RemoteMaster(List.of(masters), SECRET, Duration.ofMillis(500), handOverWait);
    }

    /** A loopback address nothing listens on: connecting is refused at once, as to a killed master. */
    private static URI deadAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private FakeMaster master(int status, String body) {
        FakeMaster master = new FakeMaster(status, body);
        masters.add(master);
        return master;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " within 10 s").isNegative();
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /**
     * Answers every call with one status and body (status 0: no answer, the connection closes; -1: no answer until it
     * stops, nor to any later call); records the calls.
     */
    private static final class FakeMaster {

        private final Queue<String> calls = new ConcurrentLinkedQueue<>();
        private final HttpServer server;
        private volatile int status;
        private volatile String body;
        private volatile int laterFrom = Integer.MAX_VALUE;
        private volatile int laterStatus;
        private volatile String laterBody;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final ExecutorService handlers = Executors.newCachedThreadPool();

        FakeMaster(int status, String body) {
            this.status = status;
            this.body = body;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::answer);
            server.setExecutor(handlers);
            server.start();
        }

        /** From its {@code call}th call on (counting from 1), answers {@code status} with {@code body}. */
        void answerAfter(int call, int status, String body) {
            laterStatus = status;
            laterBody = body;
            laterFrom = call;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void answer(HttpExchange exchange) throws IOException {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int answering = calls.size() >= laterFrom ? laterStatus : status;
            String answer = calls.size() >= laterFrom ? laterBody : body;
            if (answering == -1) {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (answering <= 0) {
                exchange.close();
                return;
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answering, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        void stop() {
            stopped.countDown();
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
