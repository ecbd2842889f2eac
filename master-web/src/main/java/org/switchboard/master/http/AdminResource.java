package org.switchboard.master.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.switchboard.master.boundary.Master;
import org.switchboard.master.boundary.RequestView;
import org.switchboard.master.control.MasterGroup;
import org.switchboard.protocol.SessionInfo;
import org.switchboard.master.control.InvalidRequest;
import org.switchboard.protocol.http.ErrorAnswers;

/** {@code /api/v1/master/admin}: what the master knows, for operators; changes need the shared secret. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class AdminResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    Master master;
    @Inject
    MasterGroup group;

    @GET
    @Path("servers")
    public List<ServerBody> servers() {
        return master.servers().stream().map(ServerBody::of).toList();
    }

    @PUT
    @SecretRequired
    @Path("servers/{server}/drain")
    public Response drain(@PathParam("server") String server) {
        return drained(server, true);
    }

    @DELETE
    @SecretRequired
    @Path("servers/{server}/drain")
    public Response undrain(@PathParam("server") String server) {
        return drained(server, false);
    }

    private Response drained(String server, boolean drained) {
        return master.drain(server, drained) ? Response.noContent().build()
                : ErrorAnswers.error(404, "unknown-server", "no processing server " + server);
    }

    @GET
    @Path("sessions")
    public List<SessionInfo> sessions(@QueryParam("limit") @DefaultValue("100") int limit) {
        return master.sessions(checked(limit));
    }

    @DELETE
    @SecretRequired
    @Path("sessions/{id}")
    public SessionInfo end(@PathParam("id") String id) {
        return master.end(id, "ended by an operator");
    }

    @GET
    @Path("slaves")
    public List<SlaveBody> slaves() {
        return master.slaves().stream().map(SlaveBody::of).toList();
    }

    /** The master group as this master sees it: its members, which one decides and since when, the last decision. */
    @GET
    @Path("group")
    public MasterGroup.Status group() {
        return group.status();
    }

    @GET
    @Path("history")
    public List<RequestView> history(@QueryParam("limit") @DefaultValue("100") int limit) {
        return master.history(checked(limit));
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
