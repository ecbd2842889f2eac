package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;

/** No session has this id. */
@ApplicationException
public class UnknownSession extends RuntimeException {

    public UnknownSession(String id) {
        super("no session " + id);
    }
}
