package org.switchboard.slave;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.switchboard.protocol.http.ErrorAnswers;
import org.switchboard.slave.master.ArrivalsResource;
import org.switchboard.slave.master.SharedSecretFilter;
import org.switchboard.slave.sessions.ApplicationsResource;
import org.switchboard.slave.sessions.SessionsResource;

/**
 * Version 1 of the public API that clients use on any slave, and what the master tells a slave
 * ({@code slave/arrivals}, with the shared secret). Its classes are listed, so that it never picks up the
 * master's resources where both share a WAR.
 */
@ApplicationPath("api/v1")
public class Api extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SessionsResource.class, ApplicationsResource.class, ArrivalsResource.class,
                SharedSecretFilter.class, ErrorAnswers.class, CrossOrigin.class);
    }
}
