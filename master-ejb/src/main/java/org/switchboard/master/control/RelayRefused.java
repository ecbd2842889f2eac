package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;

/** A relay was asked for without the session's token, or for a session that has ended. */
@ApplicationException
public class RelayRefused extends RuntimeException {

    public RelayRefused(String reason) {
        super(reason);
    }
}
