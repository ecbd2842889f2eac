package org.switchboard.master.control;

import java.time.Duration;
import java.time.Instant;

/**
 * Exits the master heard of for sessions it has not recorded yet: an agent's exit report can overtake the launch
 * answer, or come while the master waits for a program it prepared for a redirected client. Such a session is ended as
 * soon as it is recorded. An exit whose session is never recorded (its launch failed at the master, or the program
 * was a prepared one nobody took) is forgotten after {@code keep}, the longest a launched program's session can take
 * to be recorded; and at most {@code capacity} exits are kept, the oldest forgotten first. Thread-safe.
 */
public final class EarlyExits {

    private final ExpiringMap<String> heard;
    private final Duration keep;

    public EarlyExits(Duration keep, int capacity) {
        this.heard = new ExpiringMap<>(capacity);
        this.keep = keep;
    }

    /** The program of {@code session} ended before the session was recorded. */
    public void add(String session, Instant now) {
        heard.put(session, session, now.plus(keep)); // heard again: kept from now, in arrival order
        forgetOld(now);
    }

    /** True when an exit was heard for {@code session}, which is forgotten: the caller ends the session. */
    public boolean take(String session) {
        return heard.take(session).isPresent();
    }

    /** Forgets the exits heard more than {@code keep} before {@code now}; answers how many. */
    public int forgetOld(Instant now) {
        return heard.expired(now).size();
    }

    public int size() {
        return heard.size();
    }
}
