package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;

/** The chosen server's agent could not launch the program. */
@ApplicationException
public class LaunchFailed extends RuntimeException {

    public LaunchFailed(String server, String reason) {
        super("server " + server + " could not launch the program: " + reason);
    }
}
