package org.switchboard.slave.master;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The calls of a slave that wait for a master to take them, while no master does (a master group is handing over):
 * they ask the masters again one at a time, at most one round every pause, and all go at once when a master takes a
 * call. Each waiting call asking every master on its own every pause made tens of calls, each asking every member,
 * hundreds of requests a second to the surviving masters at the moment one of them was taking over.
 */
final class HandOverWait {

    private final long pauseNanos;
    /** Counts the calls a master took while calls were waiting: a change releases the waiting calls. */
    private long taken;
    /** When the next round may start: a pause after the last one began, or after a round failed when none was to come. */
    private long nextRoundNanos = System.nanoTime();
    /** How many calls wait; read without the lock on every call a master takes. */
    private volatile int waiting;

    HandOverWait(Duration pause) {
        this.pauseNanos = pause.toNanos();
    }

    /** A master took a call: the calls that wait ask it now. */
    void masterTook() {
        if (waiting > 0) {
            synchronized (this) {
                taken++;
                notifyAll();
            }
        }
    }

    /**
     * Waits, after a round in which no master took the call, until the call may ask again: when its turn for the next
     * round comes, or at once when a master took another call meanwhile. False when {@code deadlineNanos} (of
     * {@link System#nanoTime()}) passed first.
     */
    synchronized boolean awaitTurn(long deadlineNanos) throws InterruptedException {
        long takenBefore = taken;
        waiting++;
        try {
            long failedAt = System.nanoTime();
            if (failedAt - nextRoundNanos >= 0) { // no round to come: the next is a pause after this one failed
                nextRoundNanos = failedAt + pauseNanos;
            }
            while (taken == takenBefore) {
                long now = System.nanoTime();
                if (now - deadlineNanos >= 0) {
                    return false;
                }
                if (now - nextRoundNanos >= 0) {
                    nextRoundNanos = now + pauseNanos;
                    return true;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(nextRoundNanos - now, deadlineNanos - now));
            }
            return true;
        } finally {
            waiting--;
        }
    }
}
