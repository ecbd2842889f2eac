package org.switchboard.slave.relay;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.StdioLink;

/**
 * This slave's side of arrow 653 (patent Fig. 7): the master tells it of a redirected client whose program runs (in
 * process when the master is deployed with this slave, else at {@code POST /api/v1/slave/arrivals}), and it links to
 * the program before the client arrives ({@link PreparedLinks}); the client's relay takes that link. Links nobody
 * takes are closed once a second when their time is up. An EJB for its timer, like the slave's reports.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Arrivals {

    private static final Logger LOG = Logger.getLogger(Arrivals.class.getName());
    private static final Clock CLOCK = Clock.systemUTC();

    @Inject
    StdioLink stdioLink;

    private PreparedLinks links;

    @PostConstruct
    void start() {
        links = new PreparedLinks(CLOCK, program -> Link.connect(program, stdioLink));
    }

    @PreDestroy
    void stop() {
        links.close();
    }

    /** A client is on its way here: link to its program now, if it is one that is linked ahead. */
    public void arriving(Arrival arrival) {
        if (links.prepare(arrival)) {
            LOG.fine(() -> "linked ahead to the program of session " + arrival.program().session() + " at "
                    + arrival.program().endpoint());
        }
    }

    /** Whether a link is prepared for {@code session} and the holder of its relay token. */
    public boolean holds(String session, String token) {
        return links.holds(session, token);
    }

    /** The link prepared for {@code session}, for the holder of its relay token, once. */
    public Optional<PreparedLinks.PreparedLink> claim(String session, String token) {
        return links.claim(session, token);
    }

    public PreparedLinks.Counts counts() {
        return links.counts();
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void closeExpired() {
        links.closeExpired(CLOCK.instant());
    }
}
