package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.Refusal;

/** Every slave that could link the client is full or silent (patent Fig. 7: a slave over its capacity rejects). */
@ApplicationException
public class NoSlaveAvailable extends Refusal {

    public NoSlaveAvailable() {
        super(503, "no-slave", "every slave is at its capacity or not reporting; try again shortly");
    }
}
