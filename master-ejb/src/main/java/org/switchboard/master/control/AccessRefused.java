package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.Refusal;

/** A session's program or relay was asked for without the session's token, or a relay for an ended session. */
@ApplicationException
public class AccessRefused extends Refusal {

    public AccessRefused(String reason) {
        super(403, "access-refused", reason);
    }
}
