package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.Refusal;

/** No session has this id. */
@ApplicationException
public class UnknownSession extends Refusal {

    public UnknownSession(String id) {
        super(404, "unknown-session", "no session " + id);
    }
}
