package org.switchboard.agent.entity;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a launched program is ready for its client, and how long it may take. Without a {@code line} a {@link Kind#TCP}
 * program is ready once its port accepts a connection and a {@link Kind#STDIO} program once it runs; with one, a
 * program of either kind is ready once a line of its output (standard error merged in) contains a match.
 */
public record Readiness(Pattern line, Duration timeout) {

    public Readiness {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the ready timeout must be positive");
        }
    }

    public static Readiness byDefault(Duration timeout) {
        return new Readiness(null, timeout);
    }

    public Optional<Pattern> readyLine() {
        return Optional.ofNullable(line);
    }
}
