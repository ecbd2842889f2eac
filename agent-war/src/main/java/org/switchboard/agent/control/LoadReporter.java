package org.switchboard.agent.control;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.ServerRegistration;

/**
 * Keeps the master informed: registers this server, then reports its load at least every report interval and soon
 * after launches and exits ({@link #tickIfDue}, run often). A master that is down or does not know this server does not
 * stop the agent: the next tick registers again. No exit is lost on the way: an exit the master did not take (it was
 * down, restarting, answered with a server error, or no longer knew this server) is told again at the next ticks until
 * it does, and so are the sessions whose programs a previous run of this agent left behind — otherwise their sessions
 * would stay running at the master for good. Up to {@link #UNTOLD_KEPT} of them: a master that stays away for longer
 * than that many exits loses the oldest.
 */
public final class LoadReporter {

    /**
     * How soon after a launch or an exit the master hears of it: what happened meanwhile goes in one report. A report
     * per launch and per exit made every master serve several reports a second per agent under a steady load, most of
     * them telling what the next one told again; the master counts its own placements until a report shows them.
     */
    public static final Duration SOON = Duration.ofMillis(250);

    /** The most exits told in one message; more wait for the next. */
    public static final int EXITS_PER_MESSAGE = 200;
    /**
     * The most exits kept for a master that does not take them (about 10 MB): a master that stays away for good (a
     * member of a group taken out of service, still in the agent's list) must not fill the agent's memory. The oldest
     * go first, with a warning; in a group, the members that took them have ended their sessions in the shared
     * database.
     */
    static final int UNTOLD_KEPT = 100_000;

    private static final Logger LOG = Logger.getLogger(LoadReporter.class.getName());

    private final MasterClient master;
    private final ServerRegistration registration;
    private final LoadMeter meter;
    private final long intervalNanos;
    private boolean registered;
    private boolean masterReachable = true;
    /** When the last report began ({@link System#nanoTime()}); guarded by {@code this}. */
    private long lastTickNanos;
    /** Exits the master has not taken yet, oldest first: added to by anyone, told and removed only by {@link #tick}. */
    private final BlockingQueue<ProgramExit> untold = new LinkedBlockingQueue<>();
    private final int untoldKept;
    /** Exits dropped since the master last took a report; guarded by {@code this}. */
    private long dropped;
    /** A launch or an exit happened since the last report began. */
    private final AtomicBoolean changed = new AtomicBoolean();

    /** @param interval the longest time between two reports */
    public LoadReporter(MasterClient master, ServerRegistration registration, LoadMeter meter, Duration interval) {
        this(master, registration, meter, interval, UNTOLD_KEPT);
    }

    /** @param untoldKept the most exits kept for a master that does not take them */
    LoadReporter(MasterClient master, ServerRegistration registration, LoadMeter meter, Duration interval,
                 int untoldKept) {
        this.master = master;
        this.registration = registration;
        this.meter = meter;
        this.intervalNanos = interval.toNanos();
        this.lastTickNanos = System.nanoTime() - intervalNanos;
        this.untoldKept = untoldKept;
    }

    /**
     * Reports if anything is due: a launch or an exit since the last report, exits not told yet (while the master is
     * reachable; otherwise at the interval), or the interval passed (a registration the master has not accepted yet is
     * tried again then). Run every {@link #SOON}; it never throws, so that a schedule running it is not ended by a
     * failure (the master would take this server out of selection for good): an unexpected one is logged, and the
     * report is tried again at the next interval.
     */
    public synchronized void tickIfDue() {
        boolean due = changed.get() || (!untold.isEmpty() && masterReachable)
                || System.nanoTime() - lastTickNanos >= intervalNanos;
        if (due) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the report to the master failed, will retry at the interval", e);
            }
        }
    }

    /**
     * The regular report: the exits not told yet, then the load; registers first when the master does not know this
     * server (yet), and once more when it turns out to have forgotten it.
     */
    public synchronized void tick() {
        lastTickNanos = System.nanoTime();
        changed.set(false);
        dropOldestBeyondKept();
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (!registered) {
                    register();
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

    /** A program ended: the master hears of it, and of the load without it, at the next {@link #tickIfDue}. */
    public void programExited(Program program, Integer exitCode) {
        untold.add(new ProgramExit(program.session(), exitCode, program.endReason().code()));
        soon();
    }

    /** A program was launched (or ended): the next {@link #tickIfDue} reports. */
    public void soon() {
        changed.set(true);
    }

    /** Exits the master has not taken yet. */
    public int untoldExits() {
        return untold.size();
    }

    /** Only {@link #tick} removes exits, so the head it drops or tells is the head it saw. */
    private void dropOldestBeyondKept() {
        long before = dropped;
        while (untold.size() > untoldKept) {
            untold.remove();
            dropped++;
        }
        if (before == 0 && dropped > 0) {
            LOG.warning(() -> "the master has not taken the last " + untoldKept + " program exits; dropping the"
                    + " oldest ones until it takes reports again");
        }
    }

    public synchronized boolean registered() {
        return registered;
    }

    /**
     * A registration the master does not accept counts as the master not being reachable: it is tried again at the
     * interval, not at every tick, and logged once (a master still deploying its application answers 404 for a while).
     */
    private void register() throws IOException {
        MasterClient.Answer answer = master.register(registration);
        if (answer != MasterClient.Answer.ACCEPTED) {
            throw new IOException("the master did not accept the registration of " + registration.server() + ": "
                    + answer);
        }
        registered = true;
        LOG.info(() -> "registered " + registration.server() + " with the master");
    }

    /**
     * Tells the exits not told yet, oldest first, up to {@link #EXITS_PER_MESSAGE} in one message (the master ends
     * their sessions in one transaction); false when the master does not know this server, which must register again
     * before its exits mean anything there. Exits the master refuses (a malformed message) are dropped with a warning:
     * telling them again would not change the answer.
     */
    private boolean tellExits() throws IOException {
        while (!untold.isEmpty()) {
            List<ProgramExit> exits = untold.stream().limit(EXITS_PER_MESSAGE).toList();
            MasterClient.Answer answer = master.exited(registration.server(), exits);
            if (answer == MasterClient.Answer.UNKNOWN_SERVER) {
                return false;
            }
            if (answer == MasterClient.Answer.REFUSED) {
                LOG.warning(() -> "the master refused the exits " + exits);
            }
            exits.forEach(told -> untold.remove());
        }
        return true;
    }

    private void reachable() {
        if (!masterReachable) {
            LOG.info("the master is reachable again");
        }
        masterReachable = true;
        if (dropped > 0) {
            long lost = dropped;
            LOG.warning(() -> "the master takes reports again; " + lost + " program exits were dropped meanwhile");
            dropped = 0;
        }
    }

    /** One line per outage, not one per attempt. */
    private void unreachable(IOException e) {
        Level level = masterReachable ? Level.WARNING : Level.FINE;
        LOG.log(level, () -> "cannot reach the master, will retry: " + e);
        masterReachable = false;
    }
}
