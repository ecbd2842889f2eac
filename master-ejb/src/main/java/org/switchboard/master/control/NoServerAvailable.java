package org.switchboard.master.control;

import jakarta.ejb.ApplicationException;
import java.util.List;
import org.switchboard.selection.Candidate;

/** Servers offer the application, but none can take the request now; says why, server by server. */
@ApplicationException
public class NoServerAvailable extends RuntimeException {

    private final transient List<Candidate> exclusions;

    public NoServerAvailable(String app, List<Candidate> exclusions) {
        super("no processing server can run '" + app + "' now");
        this.exclusions = List.copyOf(exclusions);
    }

    public List<Candidate> exclusions() {
        return exclusions;
    }
}
