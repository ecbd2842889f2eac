package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.Refusal;

/** A request that can never succeed as sent: a malformed field. */
@ApplicationException
public class InvalidRequest extends Refusal {

    public InvalidRequest(String reason) {
        super(400, "invalid-request", reason);
    }
}
