package org.switchboard.agent.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.switchboard.protocol.SharedSecret;

/** Agents obey only the master: every call must present the shared secret. */
@Provider
@PreMatching
public class SharedSecretFilter implements ContainerRequestFilter {

    @Inject
    Agent agent;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(SharedSecret.HEADER);
        if (!agent.secret().admits(header)) {
            String reason = header == null ? "the Authorization header is missing" : "the shared secret does not match";
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorMessage("unauthorized", reason))
                    .build());
        }
    }
}
