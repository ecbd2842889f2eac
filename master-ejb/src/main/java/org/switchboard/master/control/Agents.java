package org.switchboard.master.control;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.SharedSecret;

/**
 * The master's side of the agents' REST API: launch and stop programs, authenticated with the shared secret.
 * <p>
 * Every launch carries the master's deadline: the agent stops a program that is not ready before the master stops
 * waiting for it, instead of answering a launch nobody takes (the program would hold capacity until the agent's connect
 * timeout). The deadline is the master's launch timeout less a margin, so that the agent's refusal arrives in time.
 */
public final class Agents {

    private static final Duration LONGEST_MARGIN = Duration.ofSeconds(1);

    private final Client client;
    private final SharedSecret secret;
    private final Duration launchTimeout;

    /** @param launchTimeout how long the master waits for an agent's answer to a launch (its client's read timeout) */
    public Agents(Client client, SharedSecret secret, Duration launchTimeout) {
        this.client = client;
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
        try (Response response = client.target(agentUrl).path("api/programs").request(MediaType.APPLICATION_JSON)
                .header(SharedSecret.HEADER, secret.header())
                .post(Entity.json(instruction.withTimeout(deadline(launchTimeout))))) {
            if (response.getStatus() != Response.Status.CREATED.getStatusCode()) {
                throw new LaunchFailed(server, "agent answered " + response.getStatus() + ": "
                        + response.readEntity(String.class));
            }
            return response.readEntity(LaunchNotification.class);
        } catch (ProcessingException e) {
            throw new LaunchFailed(server, "agent unreachable: " + e.getMessage());
        }
    }

    /**
     * Asks the agent for its programs and forgets the answer: the first call through the HTTP client sets up its
     * machinery and a connection, which takes a noticeable part of a second on a busy machine. Done when an agent
     * registers, so that the first launch does not pay for it; in a master group, the member that takes over deciding
     * is one that has not launched anything yet.
     */
    public void warmUp(String agentUrl) {
        try (Response response = client.target(agentUrl).path("api/programs").request(MediaType.APPLICATION_JSON)
                .header(SharedSecret.HEADER, secret.header()).get()) {
            if (response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
                response.readEntity(new GenericType<List<Map<String, Object>>>() { });
            }
        } catch (RuntimeException e) {
            // the agent's next report or the next launch will tell whether it is there
        }
    }

    /** Has the agent end a session's program; true when it was running there. */
    public boolean stop(String agentUrl, String session) {
        try (Response response = client.target(agentUrl).path("api/programs").path(session).request()
                .header(SharedSecret.HEADER, secret.header()).delete()) {
            if (response.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
                return false;
            }
            if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                throw new IllegalStateException("agent at " + agentUrl + " answered " + response.getStatus()
                        + " to stopping session " + session);
            }
            return true;
        }
    }
}
