package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.Refusal;

/** A redirect ticket that is forged, expired, or carried by another client, for another application or slave. */
@ApplicationException
public class InvalidTicket extends Refusal {

    public InvalidTicket(String reason) {
        super(403, "invalid-ticket", reason);
    }
}
