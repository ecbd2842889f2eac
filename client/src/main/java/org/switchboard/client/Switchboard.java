package org.switchboard.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A slave of a Switchboard fleet, as a client sees it: opens sessions there (following the redirects the master
 * decides on, at most {@value #MAX_REDIRECTS}, each with its ticket), shows and ends sessions with their token, and
 * links to a session's program through this slave's relay or straight to its endpoint. Any slave of the fleet can show,
 * end and relay any session.
 */
public final class Switchboard {

    public static final int MAX_REDIRECTS = 3;
    private static final String SESSIONS = "/api/v1/sessions";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A launch may take the master's launch timeout (30 s by default) and then some. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);
    private static final Jsonb JSON = JsonbBuilder.create();

    private final URI slave;
    private final HttpClient http;

    /** @param slave the slave's base URL, such as {@code http://127.0.0.1:8080} */
    public Switchboard(URI slave) {
        this(slave, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    public Switchboard(URI slave, HttpClient http) {
        String base = slave.toString();
        this.slave = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = http;
    }

    public URI slave() {
        return slave;
    }

    /**
     * Opens a session of {@code app} for {@code clientId} (at {@code location}, which may be null). A redirect is
     * followed by repeating the request at the slave it names, with its ticket; a slave named twice, or more than
     * {@value #MAX_REDIRECTS} redirects, is refused as a loop.
     */
    public OpenedSession open(String app, String clientId, String location, LinkKind link) {
        URI target = URI.create(slave + SESSIONS);
        String ticket = null;
        List<URI> visited = new ArrayList<>(List.of(target));
        while (true) {
            Answer answer = send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(
                            new SessionRequest(app, clientId, location, link.wire(), ticket)))));
            if (answer.status() == 201) {
                List<URI> redirectedBy = visited.subList(0, visited.size() - 1).stream().map(Switchboard::baseOf)
                        .toList();
                return new OpenedSession(answer.as(Session.class), baseOf(target), redirectedBy);
            }
            if (answer.status() != 307) {
                throw answer.refusal();
            }
            Redirect redirect = answer.as(Redirect.class);
            URI destination = destination(answer, redirect);
            URI next = withoutQuery(destination);
            if (visited.contains(next)) {
                throw redirectLoop(visited, next, "sent back to a slave already asked");
            }
            visited.add(next);
            if (visited.size() > MAX_REDIRECTS + 1) {
                throw redirectLoop(visited, null, "more than " + MAX_REDIRECTS + " redirects");
            }
            target = next;
            ticket = redirect.ticket() != null ? redirect.ticket() : ticketIn(destination);
        }
    }

    /** A redirect's {@code Location} may carry the ticket as a query; a slave is the same slave whatever the ticket. */
    private static URI withoutQuery(URI uri) {
        String text = uri.toString();
        return text.contains("?") ? URI.create(text.substring(0, text.indexOf('?'))) : uri;
    }

    private static String ticketIn(URI uri) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return Arrays.stream(query.split("&")).filter(parameter -> parameter.startsWith("ticket="))
                .map(parameter -> URLDecoder.decode(parameter.substring("ticket=".length()), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    private static URI destination(Answer answer, Redirect redirect) {
        return Optional.ofNullable(redirect.redirect()).map(answer.uri()::resolve).or(answer::location)
                .orElseThrow(() -> new SwitchboardException(SwitchboardException.Kind.REFUSED, "invalid-redirect",
                        answer.uri() + " redirected without saying where to"));
    }

    /** The session as it is now; needs its token. */
    public Session show(String id, String token) {
        return expect(200, send(session(id, token).GET())).as(Session.class);
    }

    /** Ends the session (its program ends); needs its token. Returns the ended session. */
    public Session end(String id, String token) {
        return expect(200, send(session(id, token).DELETE())).as(Session.class);
    }

    /** The applications a client can ask for now. */
    public List<String> applications() {
        return Arrays.asList(expect(200, send(HttpRequest.newBuilder(URI.create(slave + "/api/v1/applications"))
                .GET())).as(String[].class));
    }

    /** A link to the session's program through this slave's relay: each connection is a new WebSocket. */
    public Link relay(String id, String token) {
        String scheme = slave.getScheme().equals("https") ? "wss" : "ws";
        URI relay = URI.create(scheme + slave.toString().substring(slave.getScheme().length()) + "/relay/"
                + encode(id) + "?token=" + encode(token));
        return new RelayLink(http, relay);
    }

    /** A link straight to the program's endpoint (sessions opened with {@link LinkKind#DIRECT}). */
    public static Link direct(Session session) {
        return new DirectLink(session.endpoint());
    }

    private HttpRequest.Builder session(String id, String token) {
        return HttpRequest.newBuilder(URI.create(slave + SESSIONS + "/" + encode(id)))
                .header("Authorization", "Bearer " + token);
    }

    private static Answer expect(int status, Answer answer) {
        if (answer.status() != status) {
            throw answer.refusal();
        }
        return answer;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(ANSWER_TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(built.uri(), response.statusCode(), response.body(),
                    response.headers().firstValue("Location").map(built.uri()::resolve),
                    response.headers().firstValue("Retry-After"));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new SwitchboardException(SwitchboardException.Kind.UNREACHABLE, "unreachable",
                    "no slave reachable at " + baseOf(built.uri()) + " (" + (e instanceof ConnectException
                            ? "connection refused" : "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s") + ")");
        } catch (HttpTimeoutException e) {
            throw new SwitchboardException(SwitchboardException.Kind.UNREACHABLE, "timeout", baseOf(built.uri())
                    + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new SwitchboardException(SwitchboardException.Kind.UNREACHABLE, "unreachable",
                    "no slave reachable at " + baseOf(built.uri()) + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException(SwitchboardException.Kind.UNREACHABLE, "interrupted",
                    "interrupted while waiting for " + baseOf(built.uri()));
        }
    }

    private static SwitchboardException redirectLoop(List<URI> visited, URI again, String why) {
        List<String> path = new ArrayList<>(visited.stream().map(URI::toString).toList());
        if (again != null) {
            path.add(again.toString());
        }
        return new SwitchboardException(SwitchboardException.Kind.REDIRECT_LOOP, "redirect-loop",
                "redirect loop refused: " + why + " (" + String.join(" -> ", path) + ")");
    }

    /** An API URL's slave: {@code http://host:port/ctx/api/v1/sessions[/id]} → {@code http://host:port/ctx}. */
    static URI baseOf(URI url) {
        String text = url.toString();
        int api = text.indexOf("/api/v1/");
        return URI.create(api < 0 ? text : text.substring(0, api));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The JSON a client posts to open a session. */
    public record SessionRequest(String app, String clientId, String location, String link, String ticket) {
    }

    /** The body of a {@code 307}: repeat the request at {@code redirect} with {@code ticket}. */
    public record Redirect(String redirect, String ticket, String slave, String server) {
    }

    /** The body of an error answer; for a {@code 503}, why each server could not serve. */
    public record Refusal(String error, String reason, List<ServerReason> servers) {

        public record ServerReason(String server, String reason) {
        }
    }

    private record Answer(URI uri, int status, String body, Optional<URI> location, Optional<String> retryAfter) {

        <T> T as(Class<T> type) {
            try {
                return JSON.fromJson(body, type);
            } catch (JsonbException e) {
                throw new SwitchboardException(SwitchboardException.Kind.REFUSED, "not-a-slave", baseOf(uri)
                        + " answered " + status + " with something other than Switchboard's JSON: is it a slave?");
            }
        }

        SwitchboardException refusal() {
            Refusal refusal = body == null || !body.trim().startsWith("{") ? null : as(Refusal.class);
            if (refusal == null || refusal.error() == null) {
                return new SwitchboardException(SwitchboardException.Kind.REFUSED, "http-" + status, baseOf(uri)
                        + " answered " + status + (status == 404 ? ": is it a Switchboard slave?" : ""));
            }
            if (status == 503) {
                List<String> servers = refusal.servers() == null ? List.of() : refusal.servers().stream()
                        .map(server -> server.server() + ": " + server.reason()).toList();
                return new SwitchboardException(SwitchboardException.Kind.NO_CAPACITY, refusal.error(),
                        "no capacity: " + refusal.reason() + retryAfter.map(seconds -> " (retry after " + seconds
                                + " s)").orElse(""), servers);
            }
            return new SwitchboardException(SwitchboardException.Kind.REFUSED, refusal.error(), refusal.reason()
                    + " (" + refusal.error() + ")");
        }
    }
}
