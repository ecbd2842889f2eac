package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.Refusal;

/** The chosen server's agent could not launch the program. */
@ApplicationException
public class LaunchFailed extends Refusal {

    public LaunchFailed(String server, String reason) {
        super(502, "launch-failed", "server " + server + " could not launch the program: " + reason);
    }
}
