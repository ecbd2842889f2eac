package org.switchboard.master.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.http.ErrorAnswers;

/** Turns away calls to {@link SecretRequired} resources that do not carry the shared secret. */
@Provider
@SecretRequired
public class SharedSecretFilter implements ContainerRequestFilter {

    /** The secret the master is configured with, checked here without a call into the master on every request. */
    private final SharedSecret secret = new SharedSecret(
            ConfigProvider.getConfig().getValue("switchboard.secret", String.class));

    @Override
    public void filter(ContainerRequestContext request) {
        if (!secret.admits(request.getHeaderString(SharedSecret.HEADER))) {
            request.abortWith(ErrorAnswers.error(401, "unauthorized",
                    "send the shared secret as Authorization: Bearer <secret>"));
        }
    }
}
