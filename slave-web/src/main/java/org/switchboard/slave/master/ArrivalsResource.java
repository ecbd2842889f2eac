package org.switchboard.slave.master;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.Refusal;
import org.switchboard.slave.relay.Arrivals;
import org.switchboard.slave.relay.PreparedLinks;

/**
 * {@code /api/v1/slave/arrivals}, for the fleet only (the shared secret): a master elsewhere tells this slave of a
 * redirected client whose program runs (patent Fig. 7, arrow 653; {@code 204}, also when the program is not one that
 * is linked ahead), and operators see the links held for clients on their way, and how many were taken or expired.
 */
@Path("slave/arrivals")
@SecretRequired
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ArrivalsResource {

    @Inject
    Arrivals arrivals;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response arriving(Arrival arrival) {
        if (arrival == null) {
            throw new Refusal(400, "invalid-request", "an arrival needs a JSON body");
        }
        arrivals.arriving(arrival);
        return Response.noContent().build();
    }

    @GET
    public PreparedLinks.Counts counts() {
        return arrivals.counts();
    }
}
