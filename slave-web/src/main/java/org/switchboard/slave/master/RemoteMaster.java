package org.switchboard.slave.master;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.switchboard.protocol.ErrorBody;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.Refusal;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.SelectionInstruction;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.SessionInfo;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.SlaveReport;

/**
 * The masters elsewhere, over their REST API ({@code {master}/api/v1/master/...}), authenticated with the shared
 * secret: one master, or the members of a master group (docs/design.md, "The master group").
 * <p>
 * A call goes to the master that answered last. If that master cannot be connected to, or answers
 * {@code 503 not-deciding} (a group member that does not decide now), the call goes to the next master of the list
 * at once, and the one that answers is asked first from then on. A call that reached a master and then lost its answer
 * (the master died while working on it) is not repeated elsewhere: a selection request may have been carried out, and
 * repeating it could place the client twice; the client sees {@code 503} and asks again. The master's refusals come
 * back as {@link Refusal}s with its status and body, so clients see the same answers as from a co-deployed master.
 * Load reports go to every master at once, so that each knows this slave when it comes to decide, and a master that
 * hangs holds up no other's: it is sent no further report until it answered the last one or that one timed out.
 */
final class RemoteMaster implements LoadBalancingMaster {

    private static final Logger LOG = Logger.getLogger(RemoteMaster.class.getName());
    private static final String SESSION_TOKEN = "Session-Token";
    /** Launching a program can take as long as the program needs to get ready. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** While no master takes calls, one waiting call asks them all again this often (see {@link HandOverWait}). */
    private static final Duration ROUND_PAUSE = Duration.ofMillis(100);
    /** A load report is given up after this long; the next one is sent all the same. */
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(5);
    private static final Type APPLICATIONS = new ArrayList<String>() { }.getClass().getGenericSuperclass();

    private final List<URI> masters;
    private final SharedSecret secret;
    private final Duration handOverWait;
    private final HttpClient http;
    private final Jsonb json = JsonbBuilder.create();
    /** The index of the master that answered last, asked first. */
    private final AtomicInteger current = new AtomicInteger();
    private final HandOverWait handOver = new HandOverWait(ROUND_PAUSE);
    /** Per master, the last load report sent to it, answered or not. */
    private final Map<URI, CompletableFuture<?>> lastReports = new ConcurrentHashMap<>();
    /** The masters that did not take the last report sent to them. */
    private final Set<URI> notTakingReports = ConcurrentHashMap.newKeySet();

    /**
     * @param masters        the masters' base URLs, such as {@code http://127.0.0.1:8080}
     * @param connectTimeout how long to wait for a master to accept a connection before trying the next
     * @param handOverWait   how long to keep asking while no master can take a call
     */
    RemoteMaster(List<URI> masters, SharedSecret secret, Duration connectTimeout, Duration handOverWait) {
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("a remote master needs at least one URL");
        }
        this.masters = List.copyOf(masters);
        this.secret = secret;
        this.handOverWait = handOverWait;
        // HTTP/1.1: the masters' listeners serve no HTTP/2 (docs/design.md, "Two packagings")
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
    }

    /** The master asked first now: the one that answered last. */
    URI current() {
        return masters.get(current.get());
    }

    @Override
    public SelectionInstruction select(SelectionRequest request) {
        return call("POST", "selections", request, null, SelectionInstruction.class);
    }

    /**
     * Sends the report to every master at once and returns: to each but one that has not answered the last report yet.
     * A master that does not take a report is logged when it starts not taking them and when it takes them again.
     */
    @Override
    public void report(SlaveReport report) {
        String body = json.toJson(report);
        for (URI master : masters) {
            lastReports.compute(master, (to, last) -> last != null && !last.isDone() ? last
                    : http.sendAsync(request(to, "POST", "slaves", body, null).timeout(REPORT_TIMEOUT).build(),
                            HttpResponse.BodyHandlers.discarding())
                            .whenComplete((response, failure) -> reported(to, response, failure)));
        }
    }

    private void reported(URI master, HttpResponse<?> response, Throwable failure) {
        if (failure == null && response.statusCode() / 100 == 2) {
            if (notTakingReports.remove(master)) {
                LOG.info(() -> "the master at " + master + " takes this slave's load reports again");
            }
        } else if (notTakingReports.add(master)) {
            Object why = failure == null ? "it answered " + response.statusCode()
                    : failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            LOG.warning(() -> "the master at " + master + " did not take this slave's load report (" + why
                    + "); the next ones are sent all the same");
        }
    }

    /** The masters that did not take the last load report sent to them. */
    Set<URI> notTakingReports() {
        return Set.copyOf(notTakingReports);
    }

    /** The masters that have not answered the last load report sent to them yet: they are sent no other. */
    Set<URI> unansweredReports() {
        return lastReports.entrySet().stream().filter(last -> !last.getValue().isDone()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    @Override
    public SessionInfo session(String id, String token) {
        return call("GET", "sessions/" + segment(id), null, token, SessionInfo.class);
    }

    @Override
    public SessionInfo close(String id, String token) {
        return call("DELETE", "sessions/" + segment(id), null, token, SessionInfo.class);
    }

    @Override
    public RelayTarget relayTarget(String id, String token) {
        return call("GET", "sessions/" + segment(id) + "/relay-target", null, token, RelayTarget.class);
    }

    @Override
    public List<String> applications() {
        return call("GET", "applications", null, null, APPLICATIONS);
    }

    /** Asks the masters in rounds until one answers other than "not deciding", or the hand-over wait is over. */
    private <T> T call(String method, String path, Object body, String token, Type type) {
        long deadline = System.nanoTime() + handOverWait.toNanos();
        while (true) {
            List<String> passed = new ArrayList<>();
            T answer = round(method, path, body, token, type, passed);
            if (answer != null) {
                return answer;
            }
            try {
                if (!handOver.awaitTurn(deadline)) {
                    LOG.log(Level.WARNING, "no master could take the request: {0}", passed);
                    throw new Refusal(503, "no-master", "no master can take the request now: " + passed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Refusal(503, "no-master", "interrupted while waiting for a master: " + passed);
            }
        }
    }

    /** Asks each master once, from the current one; null when none could take the call (why in {@code passed}). */
    private <T> T round(String method, String path, Object body, String token, Type type, List<String> passed) {
        int first = current.get();
        for (int i = 0; i < masters.size(); i++) {
            int index = (first + i) % masters.size();
            URI master = masters.get(index);
            HttpResponse<String> response;
            try {
                response = send(master, method, path, body, token);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                passed.add(master + " cannot be reached (" + e + ")");
                continue;
            } catch (IOException e) {
                throw new Refusal(503, "master-unreachable", "the master at " + master + " did not answer: " + e);
            }
            ErrorBody error = response.statusCode() / 100 == 2 ? null : error(master, response);
            if (error != null && response.statusCode() == 503 && ErrorBody.NOT_DECIDING.equals(error.error())) {
                passed.add(master + " does not decide (" + error.reason() + ")");
                continue;
            }
            handOver.masterTook();
            if (current.compareAndSet(first, index) && index != first) {
                LOG.info(() -> "now working with the master at " + master + " (" + passed + ")");
            }
            if (error != null) {
                throw new Refusal(response.statusCode(), error);
            }
            try {
                T answer = json.fromJson(response.body(), type);
                if (answer == null) {
                    throw new JsonbException("an empty answer");
                }
                return answer;
            } catch (JsonbException e) {
                throw new Refusal(502, "bad-master-answer", "the master at " + master + " answered what is not a "
                        + type.getTypeName() + ": " + e.getMessage());
            }
        }
        return null;
    }

    private HttpResponse<String> send(URI master, String method, String path, Object body, String token)
            throws IOException {
        HttpRequest request = request(master, method, path, body == null ? null : json.toJson(body), token)
                .timeout(READ_TIMEOUT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + master, e);
        }
    }

    private HttpRequest.Builder request(URI master, String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(master + "/api/v1/master/" + path))
                .header(SharedSecret.HEADER, secret.header())
                .header("Accept", "application/json");
        if (token != null) {
            request.header(SESSION_TOKEN, token);
        }
        if (body != null) {
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return request.method(method, HttpRequest.BodyPublishers.noBody());
    }

    private ErrorBody error(URI master, HttpResponse<String> response) {
        try {
            ErrorBody body = json.fromJson(response.body(), ErrorBody.class);
            if (body != null && body.error() != null) {
                return body;
            }
        } catch (JsonbException notJson) {
            // an answer of something in front of the master, or of the server itself: its status tells enough
        }
        return ErrorBody.of("master-error", "the master at " + master + " answered " + response.statusCode());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
