package org.switchboard.master.http;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.switchboard.master.boundary.Master;
import org.switchboard.master.control.InvalidRequest;
import org.switchboard.protocol.LoadReport;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.protocol.http.ErrorAnswers;

/** {@code /api/v1/master/servers}: agents register their processing server, report its load and their programs' exits. */
@Path("servers")
@SecretRequired
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ServersResource {

    /** The most exits one message may tell: an agent sends at most 200. */
    static final int MAX_EXITS = 1000;

    @Inject
    Master master;

    @POST
    public Response register(ServerRegistration registration) {
        if (registration == null || registration.server() == null || registration.agentUrl() == null
                || registration.capacity() < 1) {
            throw new InvalidRequest("a registration needs server, agentUrl and a capacity of at least 1");
        }
        master.register(registration);
        return Response.noContent().build();
    }

    @POST
    @Path("{server}/load")
    public Response report(@PathParam("server") String server, LoadReport report) {
        if (report == null || !server.equals(report.server())) {
            throw new InvalidRequest("the load report must name the server of its URL");
        }
        return master.report(report) ? Response.noContent().build()
                : ErrorAnswers.error(404, "unknown-server", "server " + server + " must register first");
    }

    @POST
    @Path("{server}/exits")
    public Response exited(@PathParam("server") String server, List<ProgramExit> exits) {
        if (exits == null || exits.isEmpty() || exits.size() > MAX_EXITS) {
            throw new InvalidRequest("program exits come as a list of 1 to " + MAX_EXITS);
        }
        if (exits.stream().anyMatch(exit -> exit == null || exit.session() == null)) {
            throw new InvalidRequest("a program exit must name its session");
        }
        master.programsExited(server, exits);
        return Response.noContent().build();
    }
}
