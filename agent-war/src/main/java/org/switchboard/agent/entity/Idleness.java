package org.switchboard.agent.entity;

import java.time.Duration;
import java.util.Optional;

/**
 * When a program counts as idle: it moved no bytes and its processes used at most {@code cpuShare} of one core, for
 * {@code timeout} without a break. Both are needed: a program computing for a client that is away is busy, and so is
 * one whose client types but which hardly computes.
 *
 * @param timeout  how long a program may be idle before it is ended; {@code null} for never (unless its application
 *                 sets {@code idleTimeoutSeconds})
 * @param cpuShare the CPU a program may use and still be idle, as a share of one core (0.01 for 1 %)
 */
public record Idleness(Duration timeout, double cpuShare) {

    public Idleness {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("the idle timeout must be positive, not " + timeout);
        }
        if (!(cpuShare >= 0 && cpuShare <= 1)) {
            throw new IllegalArgumentException("the idle CPU share must be between 0 and 1 (100 %), not " + cpuShare);
        }
    }

    /** Programs are never ended for being idle, unless their application says otherwise. */
    public static Idleness never() {
        return new Idleness(null, 0.01);
    }

    /** The idle timeout for a program: its application's, else this one; empty when it is never idle long enough. */
    public Optional<Duration> timeoutFor(Program program) {
        return program.idleTimeout().or(() -> Optional.ofNullable(timeout));
    }
}
