package org.switchboard.slave.relay;

import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.Refusal;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.RelayTokens;

/**
 * Links to programs, opened before their clients arrive (patent Fig. 7, arrow 653: the master tells this slave of a
 * redirected client once its program runs), by session. The client's relay takes its link when it opens, with the
 * session's relay token, so no connection is made on the client's path; a link is taken once, and only with the token
 * the master named. A link nobody takes is closed when its ticket expires ({@link #closeExpired}).
 * <p>
 * Only stdio programs are linked ahead: they are reached through a relay alone, and their bridge admits this slave's
 * link proof. A tcp or desktop program may be linked directly by its client, or take one connection only (a VNC
 * server), so its relay connects when the client comes. Thread-safe.
 */
public final class PreparedLinks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PreparedLinks.class.getName());
    /** No arrival is held longer than this, whatever the master says (its tickets live seconds). */
    private static final long LONGEST_HOLD_MILLIS = 10 * 60 * 1000;

    /** Opens a connection to a program as a relay would ({@link Link#connect}). */
    @FunctionalInterface
    public interface Connector {
        Socket connect(RelayTarget program) throws IOException;
    }

    /** A link prepared for a session: the program it reaches and the open connection to it. */
    public record PreparedLink(RelayTarget program, Socket socket) {
    }

    /** What operators see: links held now, and since the start how many clients took theirs and how many expired. */
    public record Counts(int held, long claimed, long expired) {
    }

    private record Held(PreparedLink link, String relayTokenHash, Instant expires) {
    }

    private final Clock clock;
    private final Connector connector;
    private final Map<String, Held> bySession = new ConcurrentHashMap<>();
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();

    public PreparedLinks(Clock clock, Connector connector) {
        this.clock = clock;
        this.connector = connector;
    }

    /**
     * Links to the arriving client's program now and holds the link until the client takes it or the arrival's time
     * is up. False when nothing is held: not a stdio program, or one held for the session already.
     *
     * @throws Refusal 400 for an arrival that names no program, token or time; 502 when the program cannot be reached
     */
    public boolean prepare(Arrival arrival) {
        check(arrival);
        RelayTarget program = arrival.program();
        if (!program.bridged() || bySession.containsKey(program.session())) {
            return false;
        }
        Socket socket;
        try {
            socket = connector.connect(program);
        } catch (IOException e) {
            throw new Refusal(502, "program-unreachable", "the program of session " + program.session() + " at "
                    + program.endpoint() + " cannot be reached: " + e.getMessage());
        }
        Held held = new Held(new PreparedLink(program, socket), arrival.relayTokenHash(),
                clock.instant().plusMillis(arrival.holdMillis()));
        if (bySession.putIfAbsent(program.session(), held) != null) {
            close(held);
            return false;
        }
        return true;
    }

    private static void check(Arrival arrival) {
        if (arrival == null || arrival.program() == null || arrival.program().session() == null
                || arrival.program().endpoint() == null || arrival.relayTokenHash() == null
                || arrival.holdMillis() <= 0 || arrival.holdMillis() > LONGEST_HOLD_MILLIS) {
            throw new Refusal(400, "invalid-request", "an arrival names its program (session, endpoint, kind), the "
                    + "relay token's hash and how long to hold it (1 ms to " + LONGEST_HOLD_MILLIS + " ms)");
        }
    }

    /** Whether a link is prepared for {@code session} and the holder of its relay token {@code token}. */
    public boolean holds(String session, String token) {
        Held held = session == null ? null : bySession.get(session);
        return held != null && RelayTokens.matches(token, held.relayTokenHash())
                && !clock.instant().isAfter(held.expires());
    }

    /**
     * The link prepared for {@code session}, for the holder of its relay token {@code token}, once; empty for any
     * other token (the link stays for the right one), and when none is held.
     */
    public Optional<PreparedLink> claim(String session, String token) {
        Held held = session == null ? null : bySession.get(session);
        if (held == null || !RelayTokens.matches(token, held.relayTokenHash()) || !bySession.remove(session, held)) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(held.expires())) {
            expired(held);
            return Optional.empty();
        }
        claimed.incrementAndGet();
        return Optional.of(held.link());
    }

    /** Closes the links whose arrivals' time was up before {@code now}: their clients never came. */
    public void closeExpired(Instant now) {
        bySession.forEach((session, held) -> {
            if (now.isAfter(held.expires()) && bySession.remove(session, held)) {
                expired(held);
            }
        });
    }

    public Counts counts() {
        return new Counts(bySession.size(), claimed.get(), expired.get());
    }

    @Override
    public void close() {
        bySession.forEach((session, held) -> {
            if (bySession.remove(session, held)) {
                close(held);
            }
        });
    }

    private void expired(Held held) {
        expired.incrementAndGet();
        LOG.fine(() -> "the link prepared for session " + held.link().program().session() + " expired unused");
        close(held);
    }

    /**
     * Closes a link nobody took. For a stdio program that is a link that dropped: the program keeps its input open,
     * and the master stops the program of a ticket that expired unused.
     */
    private static void close(Held held) {
        try {
            held.link().socket().close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "the prepared link was closed already", e);
        }
    }
}
