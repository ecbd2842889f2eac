package org.switchboard.master.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.switchboard.protocol.http.ErrorAnswers;

/**
 * The master's REST API: agents' registrations and reports, remote slaves' selection requests, and operators. In the
 * EAR its module's context root is {@code /api/v1/master}; in the one-WAR packaging lb-micro's web.xml maps it there.
 * Its classes are listed, so that it never picks up the slave's resources where both share a WAR.
 */
@ApplicationPath("")
public class MasterApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ServersResource.class, SelectionsResource.class, AdminResource.class, SharedSecretFilter.class,
                ErrorAnswers.class);
    }

    /** The JSON-B resolver as an instance: see {@link MessagesResolver}. */
    @Override
    @SuppressWarnings("deprecation") // the one way to register an instance from the application
    public Set<Object> getSingletons() {
        return Set.of(new MessagesResolver());
    }
}
