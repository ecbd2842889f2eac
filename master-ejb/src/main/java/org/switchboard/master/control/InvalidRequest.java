package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;

/** A request that can never succeed as sent: a malformed field. */
@ApplicationException
public class InvalidRequest extends RuntimeException {

    public InvalidRequest(String reason) {
        super(reason);
    }
}
