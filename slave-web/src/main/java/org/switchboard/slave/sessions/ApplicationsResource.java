package org.switchboard.slave.sessions;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.slave.master.ToMaster;

/** {@code /api/v1/applications}: the applications a client can ask for now. */
@Path("applications")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationsResource {

    @Inject
    @ToMaster
    LoadBalancingMaster master;

    @GET
    public List<String> list() {
        return master.applications();
    }
}
