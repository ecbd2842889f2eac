package org.switchboard.master.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.switchboard.master.boundary.Master;
import org.switchboard.master.control.InvalidRequest;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.SelectionInstruction;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.SessionInfo;
import org.switchboard.protocol.SlaveReport;

/**
 * Where slaves on their own reach the master ({@link LoadBalancingMaster} over REST): selection requests and
 * instructions (patent Fig. 7, 651 and 653), their load reports, and the sessions they relay. The client's session token travels in the {@value #SESSION_TOKEN} header.
 */
@Path("")
@SecretRequired
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class SelectionsResource {

    public static final String SESSION_TOKEN = "Session-Token";

    @Inject
    Master master;

    @POST
    @Path("selections")
    @Consumes(MediaType.APPLICATION_JSON)
    public SelectionInstruction select(SelectionRequest request) {
        if (request == null) {
            throw new InvalidRequest("a selection request needs a JSON body");
        }
        return master.select(request);
    }

    @POST
    @Path("slaves")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(SlaveReport report) {
        if (report == null) {
            throw new InvalidRequest("a slave report needs a JSON body");
        }
        master.report(report);
        return Response.noContent().build();
    }

    @GET
    @Path("sessions/{id}")
    public SessionInfo session(@PathParam("id") String id, @HeaderParam(SESSION_TOKEN) String token) {
        return master.session(id, token);
    }

    @DELETE
    @Path("sessions/{id}")
    public SessionInfo close(@PathParam("id") String id, @HeaderParam(SESSION_TOKEN) String token) {
        return master.close(id, token);
    }

    @GET
    @Path("sessions/{id}/relay-target")
    public RelayTarget relayTarget(@PathParam("id") String id, @HeaderParam(SESSION_TOKEN) String token) {
        return master.relayTarget(id, token);
    }

    @GET
    @Path("applications")
    public List<String> applications() {
        return master.applications();
    }
}
