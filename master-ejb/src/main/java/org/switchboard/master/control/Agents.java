package org.switchboard.master.control;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.SharedSecret;

/** The master's side of the agents' REST API: launch and stop programs, authenticated with the shared secret. */
public final class Agents {

    private final Client client;
    private final SharedSecret secret;

    public Agents(Client client, SharedSecret secret) {
        this.client = client;
        this.secret = secret;
    }

    /** Has the agent at {@code agentUrl} launch a program and answers once it is ready (patent Fig. 11: 1103-1106). */
    public LaunchNotification launch(String server, String agentUrl, LaunchInstruction instruction) {
        try (Response response = client.target(agentUrl).path("api/programs").request(MediaType.APPLICATION_JSON)
                .header(SharedSecret.HEADER, secret.header())
                .post(Entity.json(instruction))) {
            if (response.getStatus() != Response.Status.CREATED.getStatusCode()) {
                throw new LaunchFailed(server, "agent answered " + response.getStatus() + ": "
                        + response.readEntity(String.class));
            }
            return response.readEntity(LaunchNotification.class);
        } catch (ProcessingException e) {
            throw new LaunchFailed(server, "agent unreachable: " + e.getMessage());
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
