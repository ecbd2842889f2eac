package org.switchboard.system;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition, polling, up to a timeout; never a fixed sleep. */
final class Eventually {

    private static final long POLL_MILLIS = 100;

    private Eventually() {
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            pause();
        }
    }

    /** Polls {@code value} until it satisfies {@code accepted}; returns the accepted value. */
    static <T> T await(String what, Duration timeout, Supplier<T> value, java.util.function.Predicate<T> accepted) {
        Instant deadline = Instant.now().plus(timeout);
        T last = value.get();
        while (!accepted.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what
                        + "; last value: " + last);
            }
            pause();
            last = value.get();
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
