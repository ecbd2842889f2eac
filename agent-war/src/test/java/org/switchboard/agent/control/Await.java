package org.switchboard.agent.control;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it, failing after a timeout. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Whether the process is gone within the timeout. */
    public static boolean ended(long pid, Duration timeout) {
        try {
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(timeout.toMillis(),
                    TimeUnit.MILLISECONDS).join());
            return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
        } catch (RuntimeException timedOut) {
            return false;
        }
    }
}
