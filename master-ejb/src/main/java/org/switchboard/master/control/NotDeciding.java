package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.ErrorBody;
import org.switchboard.protocol.Refusal;

/**
 * This master is a member of a master group that does not decide now (503): slaves ask another member. Names the
 * deciding member's URL when it is known.
 */
@ApplicationException
public class NotDeciding extends Refusal {

    public NotDeciding(String reason, String decider) {
        super(503, ErrorBody.notDeciding(reason, decider));
    }
}
