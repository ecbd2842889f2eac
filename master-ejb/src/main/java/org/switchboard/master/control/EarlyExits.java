package org.switchboard.master.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exits the master heard of for sessions it has not recorded yet: an agent's exit report can overtake the launch
 * answer, or come while the master waits for a program it prepared for a redirected client. Such a session is ended as
 * soon as it is recorded. An exit whose session is never recorded (its launch failed at the master, or the program
 * was a prepared one nobody took) is forgotten after {@code keep}, the longest a launched program's session can take
 * to be recorded; and at most {@code capacity} exits are kept, the oldest forgotten first. Thread-safe.
 */
public final class EarlyExits {

    private final Map<String, Instant> heardAt = new LinkedHashMap<>();
    private final Duration keep;
    private final int capacity;

    public EarlyExits(Duration keep, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.keep = keep;
        this.capacity = capacity;
    }

    /** The program of {@code session} ended before the session was recorded. */
    public synchronized void add(String session, Instant now) {
        heardAt.remove(session); // heard again: kept from now, in arrival order
        heardAt.put(session, now);
        forgetOld(now);
        Iterator<String> oldest = heardAt.keySet().iterator();
        while (heardAt.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** True when an exit was heard for {@code session}, which is forgotten: the caller ends the session. */
    public synchronized boolean take(String session) {
        return heardAt.remove(session) != null;
    }

    /** Forgets the exits heard more than {@code keep} before {@code now}; answers how many. */
    public synchronized int forgetOld(Instant now) {
        Instant oldest = now.minus(keep);
        int forgotten = 0;
        Iterator<Instant> times = heardAt.values().iterator();
        while (times.hasNext() && times.next().isBefore(oldest)) { // in arrival order: the old ones come first
            times.remove();
            forgotten++;
        }
        return forgotten;
    }

    public synchronized int size() {
        return heardAt.size();
    }
}
