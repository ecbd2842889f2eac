package org.switchboard.slave.master;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * A master elsewhere, over its REST API ({@code {master}/api/v1/master/...}), authenticated with the shared secret.
 * The master's refusals come back as {@link Refusal}s with its status and body, so clients see the same answers as
 * from a co-deployed master; an unreachable master is a {@code 503}.
 */
final class RemoteMaster implements LoadBalancingMaster, AutoCloseable {

    private static final String SESSION_TOKEN = "Session-Token";
    /** Launching a program can take as long as the program needs to get ready. */
    private static final long READ_TIMEOUT_SECONDS = 60;

    private final Client client = ClientBuilder.newBuilder().connectTimeout(2, TimeUnit.SECONDS)
            .readTimeout(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS).build();
    private final WebTarget api;
    private final SharedSecret secret;

    RemoteMaster(URI masterUrl, SharedSecret secret) {
        this.api = client.target(masterUrl).path("api/v1/master");
        this.secret = secret;
    }

    @Override
    public SelectionInstruction select(SelectionRequest request) {
        return call(api.path("selections"), null, builder -> builder.post(Entity.json(request)),
                SelectionInstruction.class);
    }

    @Override
    public void report(SlaveReport report) {
        call(api.path("slaves"), null, builder -> builder.post(Entity.json(report)), String.class);
    }

    @Override
    public SessionInfo session(String id, String token) {
        return call(api.path("sessions").path(id), token, Invocation.Builder::get, SessionInfo.class);
    }

    @Override
    public SessionInfo close(String id, String token) {
        return call(api.path("sessions").path(id), token, Invocation.Builder::delete, SessionInfo.class);
    }

    @Override
    public RelayTarget relayTarget(String id, String token) {
        return call(api.path("sessions").path(id).path("relay-target"), token, Invocation.Builder::get,
                RelayTarget.class);
    }

    @Override
    public List<String> applications() {
        return call(api.path("applications"), null, Invocation.Builder::get, new GenericType<List<String>>() { });
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(WebTarget target, String token, java.util.function.Function<Invocation.Builder, Response> send,
                       Class<T> type) {
        return call(target, token, send, new GenericType<>(type));
    }

    private <T> T call(WebTarget target, String token, java.util.function.Function<Invocation.Builder, Response> send,
                       GenericType<T> type) {
        Invocation.Builder request = target.request(MediaType.APPLICATION_JSON)
                .header(SharedSecret.HEADER, secret.header());
        if (token != null) {
            request.header(SESSION_TOKEN, token);
        }
        try (Response response = send.apply(request)) {
            if (response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
                return response.readEntity(type);
            }
            throw new Refusal(response.getStatus(), response.readEntity(ErrorBody.class));
        } catch (ProcessingException e) {
            throw new Refusal(503, "master-unreachable", "the master at " + api.getUri() + " did not answer: "
                    + e.getMessage());
        }
    }
}
