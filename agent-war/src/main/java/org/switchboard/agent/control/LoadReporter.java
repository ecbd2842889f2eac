package org.switchboard.agent.control;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.ServerRegistration;

/**
 * Keeps the master informed: registers this server, then reports its load at every {@link #tick()} and right after
 * each launch and exit. A master that is down or does not know this server does not stop the agent: the next tick
 * registers again. Sessions whose programs a previous run of this agent left behind are told as ended once the master
 * accepts the registration, so that they do not stay running there.
 */
public final class LoadReporter {

    private static final Logger LOG = Logger.getLogger(LoadReporter.class.getName());

    private final MasterClient master;
    private final ServerRegistration registration;
    private final LoadMeter meter;
    private boolean registered;
    private boolean masterReachable = true;
    private final Queue<String> leftoverSessions = new ArrayDeque<>();

    public LoadReporter(MasterClient master, ServerRegistration registration, LoadMeter meter) {
        this.master = master;
        this.registration = registration;
        this.meter = meter;
    }

    /** The regular report; registers first when the master does not know this server (yet). */
    public synchronized void tick() {
        try {
            if (!registered) {
                register();
            } else if (master.report(meter.measure()) == MasterClient.Answer.UNKNOWN_SERVER) {
                registered = false;
                register();
            }
            reportLeftovers();
            reachable();
        } catch (IOException e) {
            unreachable(e);
        }
    }

    /** Sessions whose programs a previous run of this agent left and this one ended: told at the next ticks. */
    public synchronized void leftoversEnded(List<String> sessions) {
        leftoverSessions.addAll(sessions);
    }

    /** Tells the master a program ended, then reports the load without it. */
    public synchronized void programExited(Program program, Integer exitCode) {
        try {
            master.exited(registration.server(),
                    new ProgramExit(program.session(), exitCode, program.endReason().code()));
            reachable();
        } catch (IOException e) {
            unreachable(e);
        }
        tick();
    }

    public synchronized boolean registered() {
        return registered;
    }

    private void register() throws IOException {
        MasterClient.Answer answer = master.register(registration);
        registered = answer == MasterClient.Answer.ACCEPTED;
        if (registered) {
            LOG.info(() -> "registered " + registration.server() + " with the master");
            master.report(meter.measure());
        } else {
            LOG.warning(() -> "the master did not accept the registration of " + registration.server() + ": " + answer);
        }
    }

    private void reportLeftovers() throws IOException {
        while (registered && !leftoverSessions.isEmpty()) {
            master.exited(registration.server(), new ProgramExit(leftoverSessions.peek(), null,
                    EndReason.LEFT_BY_DEAD_AGENT.code()));
            leftoverSessions.remove();
        }
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
