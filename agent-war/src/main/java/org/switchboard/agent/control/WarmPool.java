package org.switchboard.agent.control;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.Program;

/**
 * Ready programs for applications with a {@code "pool"} in the catalog, so that a launch answers at once instead of
 * waiting for a slow program to start. A launch takes the oldest ready program of its application (the registry makes
 * sure no two sessions get the same one), and the pool is filled up again in the background. Pool programs count as
 * instances ({@code maxInstances}) and in the load report, since they hold the server's resources all the same.
 */
public final class WarmPool {

    private static final Logger LOG = Logger.getLogger(WarmPool.class.getName());
    /** Pool programs are launched for no session; the id only appears in the agent's log. */
    private static final String CLIENT = "pool";

    private final Catalog catalog;
    private final Launcher launcher;
    private final ProgramRegistry registry;
    private final Clock clock;
    private final Executor launches;
    /** Applications whose last pool launch failed, to log a broken one once instead of at every refill. */
    private final Set<String> failing = new HashSet<>();

    /** @param launches runs the pool launches, in the background */
    public WarmPool(Catalog catalog, Launcher launcher, ProgramRegistry registry, Clock clock, Executor launches) {
        this.catalog = catalog;
        this.launcher = launcher;
        this.registry = registry;
        this.clock = clock;
        this.launches = launches;
    }

    /** Launches, in the background, what each pool lacks; the agent calls it at start and then regularly. */
    public synchronized void refill() {
        for (Application application : catalog.applications()) {
            int missing = application.limits().pool() - registry.pooled(application.name());
            for (int i = 0; i < missing && registry.hold(application); i++) {
                launches.execute(() -> launchOne(application));
            }
        }
    }

    /** The application's oldest ready pool program, now the session's; empty when the pool has none ready. */
    public Optional<Program> take(LaunchOrder order, Application application) {
        if (application.limits().pool() == 0) {
            return Optional.empty();
        }
        Optional<Program> taken = registry.takeIdle(order.session(), order.client(), application, clock.instant());
        launches.execute(this::refill);
        return taken;
    }

    private void launchOne(Application application) {
        try {
            Program program = launcher.launch(application,
                    new LaunchOrder("pool-" + UUID.randomUUID(), application.name(), CLIENT));
            registry.addIdle(program);
            recovered(application);
        } catch (RuntimeException e) {
            registry.release(application);
            failed(application, e);
        }
    }

    private synchronized void recovered(Application application) {
        if (failing.remove(application.name())) {
            LOG.info(() -> "the pool of '" + application.name() + "' launches again");
        }
    }

    private synchronized void failed(Application application, RuntimeException e) {
        Level level = failing.add(application.name()) ? Level.WARNING : Level.FINE;
        LOG.log(level, () -> "cannot launch a pool program of '" + application.name() + "', will retry: "
                + e.getMessage());
    }
}
