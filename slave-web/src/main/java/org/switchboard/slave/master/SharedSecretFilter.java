package org.switchboard.slave.master;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.http.ErrorAnswers;

/** Turns away calls to {@link SecretRequired} resources that do not carry the shared secret, before their body is read. */
@Provider
@SecretRequired
@ApplicationScoped
public class SharedSecretFilter implements ContainerRequestFilter {

    @Inject
    SharedSecret secret;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!secret.admits(request.getHeaderString(SharedSecret.HEADER))) {
            request.abortWith(ErrorAnswers.error(401, "unauthorized",
                    "send the shared secret as Authorization: Bearer <secret>"));
        }
    }
}
