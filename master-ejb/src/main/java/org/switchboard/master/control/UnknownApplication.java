package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import org.switchboard.protocol.Refusal;

/** No processing server offers the requested application. */
@ApplicationException
public class UnknownApplication extends Refusal {

    public UnknownApplication(String app) {
        super(400, "unknown-application", "no processing server offers application '" + app + "'");
    }
}
