package org.switchboard.master.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.switchboard.master.control.HttpCalls.Answer;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;

/**
 * The master's side of the agents' REST API: launch and stop programs, authenticated with the shared secret
 * ({@link HttpCalls}), with one JSON-B instance, so that {@link #rehearse} can make its way ready before the first
 * launch.
 * <p>
 * Every launch carries the master's deadline: the agent stops a program that is not ready before the master stops
 * waiting for it, instead of answering a launch nobody takes (the program would hold capacity until the agent's connect
 * timeout). The deadline is the master's launch timeout less a margin, so that the agent's refusal arrives in time.
 */
public final class Agents {

    private static final Duration LONGEST_MARGIN = Duration.ofSeconds(1);
    /** For calls that wait for no program: listing and stopping programs. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpCalls http;
    private final Jsonb json;
    private final Duration launchTimeout;

    /** @param launchTimeout how long the master waits for an agent's answer to a launch */
    public Agents(HttpCalls http, Jsonb json, Duration launchTimeout) {
        this.http = http;
        this.json = json;
        this.launchTimeout = launchTimeout;
    }

    /** The agent's deadline for a master that waits {@code launchTimeout}: a tenth less, at most a second less. */
    static Duration deadline(Duration launchTimeout) {
        Duration tenth = launchTimeout.dividedBy(10);
        return launchTimeout.minus(tenth.compareTo(LONGEST_MARGIN) < 0 ? tenth : LONGEST_MARGIN);
    }

    /** Has the agent at {@code agentUrl} launch a program and answers once it is ready (patent Fig. 11: 1103-1106). */
    public LaunchNotification launch(String server, String agentUrl, LaunchInstruction instruction) {
        Answer response;
        try {
            response = http.call("POST", programs(agentUrl, ""), launchTimeout, launchBody(instruction));
        } catch (IOException e) {
            throw new LaunchFailed(server, "agent unreachable: " + e);
        }
        if (response.status() != 201) {
            throw new LaunchFailed(server, "agent answered " + response.status() + ": " + response.body());
        }
        try {
            return json.fromJson(response.body(), LaunchNotification.class);
        } catch (JsonbException e) {
            throw new LaunchFailed(server, "agent answered what is not a launch notification: " + e.getMessage());
        }
    }

    /**
     * Asks the agent for its programs and forgets the answer: the first call sets up the JDK's HTTP machinery and a
     * connection, which takes a noticeable part of a second on a busy machine. Done when an agent registers, so that
     * the first launch does not pay for it; in a master group, the member that takes over deciding is one that has not
     * launched anything yet.
     */
    public void warmUp(String agentUrl) {
        try {
            http.call("GET", programs(agentUrl, ""), CALL_TIMEOUT, null);
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
        Answer response;
        try {
            String program = "/" + URLEncoder.encode(session, StandardCharsets.UTF_8);
            response = http.call("DELETE", programs(agentUrl, program), CALL_TIMEOUT, null);
        } catch (IOException e) {
            throw new UncheckedIOException("agent at " + agentUrl + " unreachable", e);
        }
        if (response.status() == 404) {
            return false;
        }
        if (!response.successful()) {
            throw new IllegalStateException("agent at " + agentUrl + " answered " + response.status()
                    + " to stopping session " + session);
        }
        return true;
    }

    private String launchBody(LaunchInstruction instruction) {
        return json.toJson(instruction.withTimeout(deadline(launchTimeout)));
    }

    private static String programs(String agentUrl, String below) {
        return agentUrl.replaceAll("/+$", "") + "/api/programs" + below;
    }
}
