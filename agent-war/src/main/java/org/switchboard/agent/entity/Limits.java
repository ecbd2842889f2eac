package org.switchboard.agent.entity;

import java.time.Duration;
import java.util.Optional;

/**
 * What an application may take of its server.
 *
 * @param maxInstances how many programs of the application may run at once, pooled ones included
 * @param weight       capacity units one program of the application uses; the load report adds them up
 * @param maxLifetime  after how long a program is ended whatever it does, or {@code null} for never
 * @param pool         how many ready programs the agent keeps for the next launches
 * @param idleTimeout  after how long without traffic and (almost) without CPU a program is ended, or {@code null} for
 *                     the agent's setting
 */
public record Limits(int maxInstances, int weight, Duration maxLifetime, int pool, Duration idleTimeout) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Limits {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, not " + maxInstances);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, not " + weight);
        }
        if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
            throw new IllegalArgumentException("maxLifetimeSeconds must be positive");
        }
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeoutSeconds must be positive");
        }
        if (pool < 0 || pool > maxInstances) {
            throw new IllegalArgumentException("pool must be between 0 and maxInstances (" + maxInstances + "), not "
                    + pool);
        }
    }

    /** Limits that leave the idle timeout to the agent. */
    public Limits(int maxInstances, int weight, Duration maxLifetime, int pool) {
        this(maxInstances, weight, maxLifetime, pool, null);
    }

    /** One capacity unit each, as many as the server takes, for as long as they like, none pooled. */
    public static Limits none() {
        return new Limits(UNLIMITED, 1, null, 0, null);
    }

    /** The application's own idle timeout; empty for the agent's. */
    public Optional<Duration> idle() {
        return Optional.ofNullable(idleTimeout);
    }

    public Optional<Duration> lifetime() {
        return Optional.ofNullable(maxLifetime);
    }
}
