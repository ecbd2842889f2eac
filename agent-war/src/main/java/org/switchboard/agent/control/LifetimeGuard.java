package org.switchboard.agent.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Program;

/**
 * Ends programs that should not run any more: those no client connected to within the connect timeout (the master
 * placed a session whose client never came, so the program would hold capacity forever), and those older than their
 * application's {@code maxLifetimeSeconds}. The agent calls {@link #check()} at a fixed interval.
 */
public final class LifetimeGuard {

    private static final Logger LOG = Logger.getLogger(LifetimeGuard.class.getName());

    private final ProgramRegistry registry;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Executor stops;

    /**
     * @param connectTimeout how long after its launch a program may wait for its client
     * @param stops          runs the stops, which take up to the grace period each, so that one check ends many
     *                       programs at once
     */
    public LifetimeGuard(ProgramRegistry registry, Clock clock, Duration connectTimeout, Executor stops) {
        this.registry = registry;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.stops = stops;
    }

    /** Stops every program past its time; returns them, each with the reason it is stopped for. */
    public List<Ending> check() {
        Instant now = clock.instant();
        List<Ending> endings = new ArrayList<>();
        for (Program program : registry.programs()) {
            if (program.outlived(now)) {
                endings.add(new Ending(program, EndReason.LIFETIME_EXCEEDED));
            } else if (!now.isBefore(program.assignedAt().plus(connectTimeout)) && !program.clientConnected()) {
                endings.add(new Ending(program, EndReason.NO_CLIENT));
            }
        }
        // an idle pool program has no client to wait for, but it ages all the same
        registry.idlePrograms().stream().filter(program -> program.outlived(now)).forEach(program -> {
            LOG.info(() -> "stopping the pool program " + program + ": "
                    + EndReason.LIFETIME_EXCEEDED.description());
            stops.execute(() -> registry.stopIdle(program, EndReason.LIFETIME_EXCEEDED));
        });
        for (Ending ending : endings) {
            ending.program().ending(ending.reason());
            LOG.info(() -> "stopping " + ending.program() + ": " + ending.reason().description());
            stops.execute(() -> registry.stop(ending.program().session(), ending.reason()));
        }
        return endings;
    }

    /** A program the guard stops, and why. */
    public record Ending(Program program, EndReason reason) {
    }
}
