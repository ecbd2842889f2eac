package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;

/** No processing server offers the requested application. */
@ApplicationException
public class UnknownApplication extends RuntimeException {

    public UnknownApplication(String app) {
        super("no processing server offers application '" + app + "'");
    }
}
