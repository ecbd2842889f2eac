package org.switchboard.master.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.switchboard.master.boundary.Master;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.http.ErrorAnswers;

/** Turns away calls to {@link SecretRequired} resources that do not carry the shared secret. */
@Provider
@SecretRequired
public class SharedSecretFilter implements ContainerRequestFilter {

    @Inject
    Master master;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!master.admits(request.getHeaderString(SharedSecret.HEADER))) {
            request.abortWith(ErrorAnswers.error(401, "unauthorized",
                    "send the shared secret as Authorization: Bearer <secret>"));
        }
    }
}
