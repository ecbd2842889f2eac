package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;

/** A session's program or relay was asked for without the session's token, or a relay for an ended session. */
@ApplicationException
public class AccessRefused extends RuntimeException {

    public AccessRefused(String reason) {
        super(reason);
    }
}
