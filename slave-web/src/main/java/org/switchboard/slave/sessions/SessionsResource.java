package org.switchboard.slave.sessions;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Set;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.Refusal;
import org.switchboard.protocol.Redirect;
import org.switchboard.protocol.SelectionInstruction;
import org.switchboard.protocol.SelectionRequest;
import org.switchboard.protocol.SessionOpened;
import org.switchboard.slave.master.ThisSlave;
import org.switchboard.slave.master.ToMaster;

/**
 * {@code /api/v1/sessions}: open sessions (or send the client to the slave that should serve it, with a ticket);
 * show and end them with the session's token.
 * <p>
 * A redirect's {@code Location} carries its ticket as a query parameter, so a client that follows redirects by itself
 * ({@code curl -L}, a browser's {@code fetch}) repeats its request there with the ticket and is served; clients that
 * follow redirects themselves may send the ticket in the body instead.
 */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private static final Set<String> LINKS = Set.of("relay", "direct");
    private static final String BEARER = "Bearer ";

    @Inject
    @ToMaster
    LoadBalancingMaster master;
    @Inject
    ThisSlave slave;
    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(SessionRequestBody body, @QueryParam("ticket") String ticketInUrl) {
        slave.requested();
        if (body == null) {
            throw new Refusal(400, "invalid-request", "a JSON body with app and clientId is required");
        }
        if (ticketInUrl != null && body.ticket() != null && !ticketInUrl.equals(body.ticket())) {
            throw new Refusal(400, "invalid-request", "the ticket in the URL and the ticket in the body differ");
        }
        String ticket = ticketInUrl != null ? ticketInUrl : body.ticket();
        String link = body.link() == null ? "relay" : body.link();
        if (!LINKS.contains(link)) {
            throw new Refusal(400, "invalid-request", "link must be relay or direct");
        }
        SelectionInstruction instruction = master.select(new SelectionRequest(body.app(), body.clientId(),
                body.location(), ticket, slave.report(uri.getBaseUri())));
        if (instruction.redirect() != null) {
            Redirect redirect = instruction.redirect();
            URI there = URI.create(redirect.url() + "/api/v1/sessions");
            URI withTicket = UriBuilder.fromUri(there).queryParam("ticket", redirect.ticket()).build();
            return Response.temporaryRedirect(withTicket).entity(new RedirectBody(there.toString(), redirect.ticket(),
                    redirect.slave(), redirect.server())).build();
        }
        SessionOpened opened = instruction.opened();
        String id = opened.session().id();
        URI relay = UriBuilder.fromUri(uri.getBaseUri()).scheme(uri.getBaseUri().getScheme().equals("https") ? "wss" : "ws")
                .replacePath(uri.getBaseUri().getPath().replaceFirst("api/v1/?$", "")).path("relay").path(id)
                .queryParam("token", opened.relayToken()).build();
        return Response.created(uri.getAbsolutePathBuilder().path(id).build())
                .entity(SessionBody.of(opened.session(), slave(), link, relay.toString(), opened.decision()))
                .build();
    }

    @GET
    @Path("{id}")
    public SessionBody show(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                            @QueryParam("token") String token) {
        return SessionBody.of(master.session(id, token(authorization, token)), slave(), null, null, null);
    }

    @DELETE
    @Path("{id}")
    public SessionBody end(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                           @QueryParam("token") String token) {
        return SessionBody.of(master.close(id, token(authorization, token)), slave(), null, null, null);
    }

    /** The session's token, from {@code Authorization: Bearer <token>} or else the {@code token} query parameter. */
    private static String token(String authorization, String query) {
        return authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length())
                : query;
    }

    private SessionBody.Slave slave() {
        return new SessionBody.Slave(slave.name(), slave.location());
    }
}
