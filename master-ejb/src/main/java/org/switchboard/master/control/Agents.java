package org.switchboard.master.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.SharedSecret;

/**
 * The master's side of the agents' REST API: launch and stop programs, authenticated with the shared secret, over the
 * JDK's HTTP client with one JSON-B instance, so that {@link #rehearse} can make its way ready before the first launch.
 * <p>
 * Every launch carries the master's deadline: the agent stops a program that is not ready before the master stops
 * waiting for it, instead of answering a launch nobody takes (the program would hold capacity until the agent's connect
 * timeout). The deadline is the master's launch timeout less a margin, so that the agent's refusal arrives in time.
 */
public final class Agents {

    private static final Duration LONGEST_MARGIN = Duration.ofSeconds(1);
    /** For calls that wait for no program: listing and stopping programs. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Jsonb json;
    private final SharedSecret secret;
    private final Duration launchTimeout;

    /**
     * @param http          HTTP/1.1, with the connect timeout the master allows an agent
     * @param launchTimeout how long the master waits for an agent's answer to a launch
     */
    public Agents(HttpClient http, Jsonb json, SharedSecret secret, Duration launchTimeout) {
        this.http = http;
        this.json = json;
        this.secret = secret;
        this.launchTimeout = launchTimeout;
    }

    /** The agent's deadline for a master that waits {@code launchTimeout}: a tenth less, at most a second less. */
    static Duration deadline(Duration launchTimeout) {
        Duration tenth = launchTimeout.dividedBy(10);
        return launchTimeout.minus(tenth.compareTo(LONGEST_MARGIN) < 0 ? tenth : LONGEST_MARGIN);
    }

    /** Has the agent at {@code agentUrl} launch a program and answers once it is ready (patent Fig. 11: 1103-1106). */
    public LaunchNotification launch(String server, String agentUrl, LaunchInstruction instruction) {
        HttpResponse<String> response;
        try {
            response = send(request(agentUrl, "", launchTimeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(launchBody(instruction))));
        } catch (IOException e) {
            throw new LaunchFailed(server, "agent unreachable: " + e);
        }
        if (response.statusCode() != 201) {
            throw new LaunchFailed(server, "agent answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return json.fromJson(response.body(), LaunchNotification.class);
        } catch (JsonbException e) {
            throw new LaunchFailed(server, "agent answered what is not a launch notification: " + e.getMessage());
        }
    }

    /**
     * Asks the agent for its programs and forgets the answer: the first call through the HTTP client sets up its
     * machinery and a connection, which takes a noticeable part of a second on a busy machine. Done when an agent
     * registers, so that the first launch does not pay for it; in a master group, the member that takes over deciding
     * is one that has not launched anything yet.
     */
    public void warmUp(String agentUrl) {
        try {
            send(request(agentUrl, "", CALL_TIMEOUT).GET());
        } catch (IOException e) {
            // the agent's next report or the next launch will tell whether it is there
        }
    }

    /** Writes a launch order and reads a notification as {@link #launch} does, without sending anything. */
    public void rehearse() {
        launchBody(new LaunchInstruction("rehearsal", "rehearsal", "rehearsal"));
        json.fromJson(json.toJson(new LaunchNotification("rehearsal", 1, new Endpoint("127.0.0.1", 1), "stdio")),
                LaunchNotification.class);
    }

    /** Has the agent end a session's program; true when it was running there. */
    public boolean stop(String agentUrl, String session) {
        HttpResponse<String> response;
        try {
            response = send(request(agentUrl, "/" + URLEncoder.encode(session, StandardCharsets.UTF_8),
                    CALL_TIMEOUT).DELETE());
        } catch (IOException e) {
            throw new UncheckedIOException("agent at " + agentUrl + " unreachable", e);
        }
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("agent at " + agentUrl + " answered " + response.statusCode()
                    + " to stopping session " + session);
        }
        return true;
    }

    private String launchBody(LaunchInstruction instruction) {
        return json.toJson(instruction.withTimeout(deadline(launchTimeout)));
    }

    private HttpRequest.Builder request(String agentUrl, String below, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(agentUrl.replaceAll("/+$", "") + "/api/programs" + below))
                .timeout(timeout)
                .header(SharedSecret.HEADER, secret.header())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
