package org.switchboard.agent.control;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.json.bind.Jsonb;

import org.switchboard.protocol.LoadReport;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.protocol.SharedSecret;

/** The agent's calls to the master's REST API, each carrying the shared secret. */
public final class MasterClient {

    /** What the master made of a call. */
    public enum Answer {
        ACCEPTED,
        /** The master does not know this server (it restarted, or dropped the server): register again. */
        UNKNOWN_SERVER,
        /** The master refused the message itself (4xx); a server error (5xx) is an {@link IOException} instead. */
        REFUSED
    }

    private final URI servers;
    private final SharedSecret secret;
    private final HttpClient http;
    private final Jsonb jsonb;
    private final Duration timeout;

    /** @param master the master's base URL, such as {@code http://127.0.0.1:8080} */
    public MasterClient(URI master, SharedSecret secret, HttpClient http, Jsonb jsonb, Duration timeout) {
        String base = master.toString().replaceAll("/+$", "");
        this.servers = URI.create(base + "/api/v1/master/servers");
        this.secret = secret;
        this.http = http;
        this.jsonb = jsonb;
        this.timeout = timeout;
    }

    public Answer register(ServerRegistration registration) throws IOException {
        return post(servers, registration);
    }

    public Answer report(LoadReport report) throws IOException {
        return post(server(report.server(), "load"), report);
    }

    /** Tells the master that these programs of {@code server} ended, in one message. */
    public Answer exited(String server, List<ProgramExit> exits) throws IOException {
        return post(server(server, "exits"), exits);
    }

    private URI server(String name, String what) {
        return URI.create(servers + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + what);
    }

    private Answer post(URI target, Object message) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header(SharedSecret.HEADER, secret.header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonb.toJson(message)))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Answer.ACCEPTED;
            }
            if (status >= 500) { // the master's trouble, not the message's: worth another try
                throw new IOException("the master answered " + status + " to " + target);
            }
            return status == 404 ? Answer.UNKNOWN_SERVER : Answer.REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + target, e);
        }
    }
}
