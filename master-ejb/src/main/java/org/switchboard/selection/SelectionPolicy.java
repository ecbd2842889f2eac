package org.switchboard.selection;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which of the soft preferences apply and how strongly; the hard limits (application offered, up, not drained, room
 * left) always apply. The master builds it from configuration; {@link #DEFAULTS} is what the simulator measured.
 *
 * @param groupByClient         prefer a server already running a program for the same client
 * @param nearestFirst          prefer the ring of servers sharing the longest location prefix with the client
 * @param spillMargin           how much busier (in load per capacity, 0..1) the best server of a nearer ring may be
 *                              than the best one further out before requests spill outwards; infinite keeps requests
 *                              near until the near ring is full
 * @param slowStartWindow       how long a newly joined server ramps up; zero turns slow start off
 * @param slowStartInitialShare the share of its capacity a ramping server is ranked with on joining (0..1]
 */
public record SelectionPolicy(boolean groupByClient, boolean nearestFirst, double spillMargin,
                              Duration slowStartWindow, double slowStartInitialShare) {

    /**
     * The spill margin of 0.75 keeps a client near until its ring is nearly full while the next ring idles: locality
     * is what the client notices first. The window of 60 s covers a JVM's warm-up and several load reports.
     */
    public static final SelectionPolicy DEFAULTS = new SelectionPolicy(true, true, 0.75, Duration.ofSeconds(60), 0.1);

    public SelectionPolicy {
        Objects.requireNonNull(slowStartWindow, "slowStartWindow");
        if (Double.isNaN(spillMargin) || spillMargin < 0) {
            throw new IllegalArgumentException("spillMargin must be 0 or more: " + spillMargin);
        }
        if (slowStartWindow.isNegative()) {
            throw new IllegalArgumentException("slowStartWindow must not be negative: " + slowStartWindow);
        }
        if (!(slowStartInitialShare > 0 && slowStartInitialShare <= 1)) {
            throw new IllegalArgumentException("slowStartInitialShare must be in (0, 1]: " + slowStartInitialShare);
        }
    }

    public SelectionPolicy withGroupByClient(boolean groupByClient) {
        return new SelectionPolicy(groupByClient, nearestFirst, spillMargin, slowStartWindow, slowStartInitialShare);
    }

    public SelectionPolicy withNearestFirst(boolean nearestFirst) {
        return new SelectionPolicy(groupByClient, nearestFirst, spillMargin, slowStartWindow, slowStartInitialShare);
    }

    public SelectionPolicy withSpillMargin(double spillMargin) {
        return new SelectionPolicy(groupByClient, nearestFirst, spillMargin, slowStartWindow, slowStartInitialShare);
    }

    public SelectionPolicy withSlowStart(Duration window, double initialShare) {
        return new SelectionPolicy(groupByClient, nearestFirst, spillMargin, window, initialShare);
    }

    /** Servers that joined after this instant are ramping; null when slow start cannot apply. */
    Instant rampingSince(Instant now) {
        return now == null || slowStartWindow.isZero() ? null : now.minus(slowStartWindow);
    }

    /**
     * The share of its capacity a server that joined at {@code joined} is ranked with at {@code now}: growing linearly
     * from the initial share to 1 over the window.
     */
    public double slowStartShare(Instant joined, Instant now) {
        if (joined == null || now == null || slowStartWindow.isZero()) {
            return 1.0;
        }
        double ramp = (double) (now.toEpochMilli() - joined.toEpochMilli()) / slowStartWindow.toMillis();
        return Math.min(1.0, Math.max(slowStartInitialShare, ramp));
    }
}
