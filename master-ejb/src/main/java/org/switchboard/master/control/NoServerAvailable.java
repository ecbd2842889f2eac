package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import java.util.List;
import org.switchboard.protocol.ErrorBody;
import org.switchboard.protocol.Refusal;

/** Servers offer the application, but none can take the request now; says why, server by server (503). */
@ApplicationException
public class NoServerAvailable extends Refusal {

    public NoServerAvailable(String app, List<ErrorBody.ServerReason> exclusions) {
        super(503, ErrorBody.withServers("no-capacity", "no processing server can run '" + app + "' now", exclusions));
    }
}
