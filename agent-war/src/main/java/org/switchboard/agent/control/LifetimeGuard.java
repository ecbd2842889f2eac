package org.switchboard.agent.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.switchboard.agent.entity.Activity;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Idleness;
import org.switchboard.agent.entity.Program;

/**
 * Ends programs that should not run any more: those no client connected to within the connect timeout (the master
 * placed a session whose client never came, so the program would hold capacity forever), those older than their
 * application's {@code maxLifetimeSeconds}, those whose client left and did not come back within the reconnect grace
 * (stdio programs, whose links the agent carries), and those idle for their idle timeout: no traffic and (almost) no CPU, see
 * {@link Idleness} and {@link ActivityMeter}. Idleness is judged once a client has connected (before, the connect
 * timeout applies) and from the guard's own readings: at every check it reads each program's activity and compares it
 * with the previous reading. The agent calls {@link #check()} at a fixed interval.
 */
public final class LifetimeGuard {

    private static final Logger LOG = Logger.getLogger(LifetimeGuard.class.getName());
    /** The agent's default {@code reconnect-grace-seconds}. */
    public static final Duration RECONNECT_GRACE = Duration.ofSeconds(60);

    private final ProgramRegistry registry;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration reconnectGrace;
    private final Idleness idleness;
    private final Supplier<Function<Program, Activity>> activity;
    private final Executor stops;

    /**
     * @param connectTimeout how long after its launch a program may wait for its client
     * @param stops          runs the stops, which take up to the grace period each, so that one check ends many
     *                       programs at once
     */
    public LifetimeGuard(ProgramRegistry registry, Clock clock, Duration connectTimeout, Executor stops) {
        this(registry, clock, connectTimeout, RECONNECT_GRACE, Idleness.never(), () -> program -> new Activity(0, Map.of()),
                stops);
    }

    /**
     * @param reconnectGrace how long a program whose client left waits for it to come back ({@link StdioBridge})
     * @param idleness       when a program counts as idle, and for how long it may be
     * @param activity       a reading of what programs did so far, one per check ({@link ActivityMeter})
     */
    public LifetimeGuard(ProgramRegistry registry, Clock clock, Duration connectTimeout, Duration reconnectGrace,
                         Idleness idleness, Supplier<Function<Program, Activity>> activity, Executor stops) {
        this.registry = registry;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.reconnectGrace = reconnectGrace;
        this.idleness = idleness;
        this.activity = activity;
        this.stops = stops;
    }

    /** Stops every program past its time; returns them, each with the reason it is stopped for. */
    public List<Ending> check() {
        Instant now = clock.instant();
        List<Ending> endings = new ArrayList<>();
        Function<Program, Activity> reading = activity.get();
        for (Program program : registry.programs()) {
            if (program.outlived(now)) {
                endings.add(new Ending(program, EndReason.LIFETIME_EXCEEDED));
            } else if (!program.clientConnected()) {
                if (!now.isBefore(program.assignedAt().plus(connectTimeout))) {
                    endings.add(new Ending(program, EndReason.NO_CLIENT));
                }
            } else if (program.clientGone(now, reconnectGrace)) {
                endings.add(new Ending(program, EndReason.CLIENT_GONE));
            } else if (idle(program, reading, now)) {
                endings.add(new Ending(program, EndReason.IDLE));
            }
        }
        // an idle pool program has no client to wait for, but it ages all the same
        registry.idlePrograms().stream().filter(program -> program.outlived(now)).forEach(program -> {
            LOG.info(() -> "stopping the pool program " + program + ": "
                    + EndReason.LIFETIME_EXCEEDED.description());
            stops.execute(() -> registry.stopIdle(program, EndReason.LIFETIME_EXCEEDED));
        });
        Map<String, EndReason> reasons = new LinkedHashMap<>();
        for (Ending ending : endings) {
            ending.program().ending(ending.reason());
            LOG.info(() -> "stopping " + ending.program() + ": " + ending.reason().description());
            reasons.put(ending.program().session(), ending.reason());
        }
        if (!reasons.isEmpty()) {
            stops.execute(() -> registry.stop(reasons)); // together: one reading of the process table per round
        }
        return endings;
    }

    private boolean idle(Program program, Function<Program, Activity> reading, Instant now) {
        Optional<Duration> timeout = idleness.timeoutFor(program);
        if (timeout.isEmpty()) {
            return false;
        }
        Duration idle = program.idleAfter(reading.apply(program), now, idleness.cpuShare());
        return idle.compareTo(timeout.get()) >= 0;
    }

    /** A program the guard stops, and why. */
    public record Ending(Program program, EndReason reason) {
    }
}
