package org.switchboard.web.sessions;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.SortedSet;
import org.switchboard.master.boundary.Master;

/** {@code /api/v1/applications}: the applications a client can ask for now. */
@Path("applications")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationsResource {

    @Inject
    Master master;

    @GET
    public SortedSet<String> list() {
        return master.applications();
    }
}
