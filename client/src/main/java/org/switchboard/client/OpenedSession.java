package org.switchboard.client;

import java.net.URI;
import java.util.List;

/**
 * A session just opened: the session, the slave that opened it (its base URL, after any redirects; its relay carries
 * the link) and the slaves that redirected the request on the way there, in order.
 */
public record OpenedSession(Session session, URI slave, List<URI> redirectedBy) {

    public OpenedSession {
        redirectedBy = List.copyOf(redirectedBy);
    }

    public boolean redirected() {
        return !redirectedBy.isEmpty();
    }
}
