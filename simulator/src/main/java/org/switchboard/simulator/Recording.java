package org.switchboard.simulator;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.switchboard.master.control.HistoryReasons;
import org.switchboard.selection.Candidate;

/**
 * What a running master recorded, as its admin API returns it: the processing servers ({@code admin/servers}), the
 * request history ({@code admin/history}) and the sessions ({@code admin/sessions}). Read from the master itself or
 * from the three answers saved as {@code servers.json}, {@code history.json} and {@code sessions.json} in a directory.
 *
 * @param requests in the order they were made (the API lists the newest first)
 * @param sessions by id
 */
record Recording(List<Server> servers, List<Request> requests, Map<String, Session> sessions) {

    /** The most the admin API returns of the history and of the sessions. */
    static final int API_LIMIT = 1000;
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Type SERVERS = new ArrayList<Server>() { }.getClass().getGenericSuperclass();
    private static final Type REQUESTS = new ArrayList<Request>() { }.getClass().getGenericSuperclass();
    private static final Type SESSIONS = new ArrayList<Session>() { }.getClass().getGenericSuperclass();

    Recording {
        servers = List.copyOf(servers);
        requests = requests.stream()
                .sorted(Comparator.comparing(Request::requestedAt).thenComparingLong(Request::id)).toList();
        sessions = Map.copyOf(sessions);
    }

    /** A processing server as {@code admin/servers} lists it; {@code state} is up, down or drained. */
    public record Server(String name, String location, String state, int capacity, List<String> applications) {
    }

    /**
     * One entry of {@code admin/history}. {@code outcome} is placed, redirected, rejected or failed; {@code server} the
     * server chosen (also for a redirect, and for a rejection for want of a slave); {@code reasons} the decision's
     * candidates as {@link HistoryReasons} writes them (or in the list form of older rows).
     */
    public record Request(long id, String clientId, String app, String location, String server, String sessionId,
                          String outcome, Instant requestedAt, String reasons) {

        boolean placed() {
            return "placed".equals(outcome);
        }

        /** Rejected because no processing server could serve, not for want of a slave. */
        boolean rejectedForWantOfAServer() {
            return "rejected".equals(outcome) && server == null;
        }

        /**
         * The servers on the master's board when it decided, in rank order, with their scores or why they were
         * excluded; empty when not recorded.
         */
        List<Candidate> candidates() {
            return HistoryReasons.read(reasons);
        }
    }

    /** A session as {@code admin/sessions} lists it; {@code endedAt} is null while it runs. */
    public record Session(String id, String clientId, String server, Instant createdAt, Instant endedAt) {
    }

    /** From a master's base address ({@code http://...}) or from a directory of saved answers. */
    static Recording from(String source) {
        return source.startsWith("http://") || source.startsWith("https://") ? fetch(URI.create(source))
                : read(Path.of(source));
    }

    static Recording read(Path directory) {
        return of(file(directory.resolve("servers.json")), file(directory.resolve("history.json")),
                file(directory.resolve("sessions.json")));
    }

    static Recording fetch(URI master) {
        // HTTP/1.1 as the project's own clients speak it to Payara Micro
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Function<String, String> get = path -> get(http, master.resolve("/api/v1/master/admin/" + path));
        return of(get.apply("servers"), get.apply("history?limit=" + API_LIMIT),
                get.apply("sessions?limit=" + API_LIMIT));
    }

    static Recording of(String servers, String history, String sessions) {
        List<Session> listed = JSON.fromJson(sessions, SESSIONS);
        return new Recording(JSON.fromJson(servers, SERVERS), JSON.fromJson(history, REQUESTS),
                listed.stream().collect(Collectors.toMap(Session::id, Function.identity(), (first, same) -> first)));
    }

    private static String file(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (save it with curl from the master's admin API)",
                    e);
        }
    }

    private static String get(HttpClient http, URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
    }
}
