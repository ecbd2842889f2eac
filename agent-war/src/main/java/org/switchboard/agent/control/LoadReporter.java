package org.switchboard.agent.control;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.ServerRegistration;

/**
 * Keeps the master informed: registers this server, then reports its load at every {@link #tick()} and right after
 * each launch and exit. A master that is down or does not know this server does not stop the agent: the next tick
 * registers again. No exit is lost on the way: an exit the master did not take (it was down, restarting, answered with
 * a server error, or no longer knew this server) is told again at the next ticks until it does, and so are the
 * sessions whose programs a previous run of this agent left behind — otherwise their sessions would stay running at
 * the master for good.
 */
public final class LoadReporter {

    private static final Logger LOG = Logger.getLogger(LoadReporter.class.getName());

    private final MasterClient master;
    private final ServerRegistration registration;
    private final LoadMeter meter;
    private boolean registered;
    private boolean masterReachable = true;
    /** Exits the master has not taken yet, oldest first. */
    /** Added to by anyone, told and removed only by {@link #tick}. */
    private final Queue<ProgramExit> untold = new ConcurrentLinkedQueue<>();
    /** A report asked for by {@link #tickSoon} and not begun yet, which covers any asked for meanwhile. */
    private final AtomicBoolean tickAsked = new AtomicBoolean();

    public LoadReporter(MasterClient master, ServerRegistration registration, LoadMeter meter) {
        this.master = master;
        this.registration = registration;
        this.meter = meter;
    }

    /**
     * The regular report: the exits not told yet, then the load; registers first when the master does not know this
     * server (yet), and once more when it turns out to have forgotten it.
     */
    public synchronized void tick() {
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (!registered) {
                    register();
                    if (!registered) {
                        break;
                    }
                }
                if (tellExits() && master.report(meter.measure()) != MasterClient.Answer.UNKNOWN_SERVER) {
                    break;
                }
                registered = false;
            }
            reachable();
        } catch (IOException e) {
            unreachable(e);
        }
    }

    /** Sessions whose programs a previous run of this agent left and this one ended: told at the next ticks. */
    public synchronized void leftoversEnded(List<String> sessions) {
        sessions.forEach(session -> untold.add(new ProgramExit(session, null, EndReason.LEFT_BY_DEAD_AGENT.code())));
    }

    /** Tells the master a program ended, then reports the load without it. */
    public void programExited(Program program, Integer exitCode, Executor reports) {
        untold.add(new ProgramExit(program.session(), exitCode, program.endReason().code()));
        tickSoon(reports);
    }

    /**
     * Asks for a report on {@code reports} soon (after a launch or an exit), without waiting for it: one asked for and
     * not begun yet covers this one too, so launches and exits at a high rate make no queue of reports, and the caller
     * never waits behind a report under way.
     */
    public void tickSoon(Executor reports) {
        if (!tickAsked.compareAndSet(false, true)) {
            return;
        }
        Runnable report = () -> {
            tickAsked.set(false);
            tick();
        };
        try {
            reports.execute(report);
        } catch (RejectedExecutionException shuttingDown) {
            report.run();
        }
    }

    /** Exits the master has not taken yet. */
    public synchronized int untoldExits() {
        return untold.size();
    }

    public synchronized boolean registered() {
        return registered;
    }

    private void register() throws IOException {
        MasterClient.Answer answer = master.register(registration);
        registered = answer == MasterClient.Answer.ACCEPTED;
        if (registered) {
            LOG.info(() -> "registered " + registration.server() + " with the master");
        } else {
            LOG.warning(() -> "the master did not accept the registration of " + registration.server() + ": " + answer);
        }
    }

    /**
     * Tells the exits not told yet, oldest first; false when the master does not know this server, which must
     * register again before its exits mean anything there. One the master refuses (a malformed message) is dropped
     * with a warning: telling it again would not change the answer.
     */
    private boolean tellExits() throws IOException {
        while (!untold.isEmpty()) {
            ProgramExit exit = untold.peek();
            MasterClient.Answer answer = master.exited(registration.server(), exit);
            if (answer == MasterClient.Answer.UNKNOWN_SERVER) {
                return false;
            }
            if (answer == MasterClient.Answer.REFUSED) {
                LOG.warning(() -> "the master refused the exit of session " + exit.session() + ": " + exit);
            }
            untold.remove();
        }
        return true;
    }

    private void reachable() {
        if (!masterReachable) {
            LOG.info("the master is reachable again");
        }
        masterReachable = true;
    }

    /** One line per outage, not one per attempt. */
    private void unreachable(IOException e) {
        Level level = masterReachable ? Level.WARNING : Level.FINE;
        LOG.log(level, () -> "cannot reach the master, will retry: " + e);
        masterReachable = false;
    }
}
