package org.switchboard.agent.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;

/**
 * The programs running on this server: one per session, and the idle ones of warm pools, which wait for a session. A
 * launch first reserves its session and an instance of its application, so that neither a second launch for the
 * session nor one instance too many can start while the first is still getting ready. A program that ends, on its own
 * or when stopped, leaves the registry and, if it had a session, is reported once to the exit listener.
 */
public final class ProgramRegistry {

    private final ConcurrentMap<String, Program> programs = new ConcurrentHashMap<>();
    /** Sessions whose program is being launched, with their application; guarded by {@code this}. */
    private final Map<String, Application> reserved = new HashMap<>();
    /** Reserved sessions stopped while their program was starting: it is stopped as it arrives; guarded by this. */
    private final Set<String> stoppedWhileStarting = new HashSet<>();
    /** Pool instances being launched, per application name; guarded by {@code this}. */
    private final Map<String, Integer> held = new HashMap<>();
    /** Weight per application name of {@link #held} instances; guarded by {@code this}. */
    private final Map<String, Integer> heldWeights = new HashMap<>();
    /** Ready pooled programs without a session, oldest first, per application name; guarded by {@code this}. */
    private final Map<String, Deque<Program>> idle = new HashMap<>();
    /** Set once the agent goes down: a launch still under way must not leave a program behind; guarded by this. */
    private boolean closed;
    private final Duration stopGrace;
    private final Executor callbacks;
    private final BiConsumer<Program, Integer> exitListener;
    private final ProgramJournal journal;

    /**
     * @param stopGrace    how long a stopped program may take to end before it is killed
     * @param callbacks    runs the exit listener
     * @param exitListener told of every program that ended, with its exit code; {@link Program#endReason()} says why
     * @param journal      where the running programs are written down, for the next agent should this one die
     */
    public ProgramRegistry(Duration stopGrace, Executor callbacks, BiConsumer<Program, Integer> exitListener,
                           ProgramJournal journal) {
        this.stopGrace = stopGrace;
        this.callbacks = callbacks;
        this.exitListener = exitListener;
        this.journal = journal;
    }

    /** Refuses a session that already has a program, before anything is started for it. */
    public synchronized void requireVacant(String session) {
        if (programs.containsKey(session) || reserved.containsKey(session)) {
            throw new LaunchException(LaunchProblem.DUPLICATE_SESSION, "session " + session + " already has a program");
        }
    }

    /**
     * Reserves the session and one instance of the application for a launch; {@link #add} or {@link #cancel} ends
     * the reservation.
     *
     * @throws LaunchException when the session has a program, the application runs as often as it may, or the agent
     *                         is going down
     */
    public synchronized void reserve(String session, Application application) {
        if (closed) {
            throw new LaunchException(LaunchProblem.AGENT_STOPPING, "the agent is going down");
        }
        requireVacant(session);
        requireInstance(application);
        reserved.put(session, application);
    }

    /** Holds an instance of the application for a pool program about to be launched, if maxInstances allow it. */
    public synchronized boolean hold(Application application) {
        if (closed || instances(application.name()) >= application.limits().maxInstances()) {
            return false;
        }
        held.merge(application.name(), 1, Integer::sum);
        heldWeights.put(application.name(), application.limits().weight());
        return true;
    }

    /** Gives back an instance held by {@link #hold} whose launch failed. */
    public synchronized void release(Application application) {
        held.computeIfPresent(application.name(), (name, count) -> count > 1 ? count - 1 : null);
    }

    /** Keeps a pool program, launched after {@link #hold}, ready for the next session. */
    public void addIdle(Program program) {
        boolean refused;
        synchronized (this) {
            held.computeIfPresent(program.application(), (name, count) -> count > 1 ? count - 1 : null);
            refused = closed;
            if (!refused) {
                idle.computeIfAbsent(program.application(), name -> new ArrayDeque<>()).addLast(program);
            }
        }
        if (refused) {
            program.stop(EndReason.AGENT_STOPPING, stopGrace);
            return;
        }
        writeJournal();
        program.exit().thenRunAsync(() -> {
            boolean wasIdle;
            synchronized (this) {
                wasIdle = idle.getOrDefault(program.application(), new ArrayDeque<>()).remove(program);
            }
            if (wasIdle) {
                program.closeLink();
                writeJournal();
            }
        }, callbacks);
    }

    /**
     * Hands the oldest idle program of the application to the session, at once: it is the session's program from
     * now on, and no other session can get it.
     *
     * @return empty when the application has no idle program
     * @throws LaunchException when the session already has a program
     */
    public Optional<Program> takeIdle(String session, String client, Application application, Instant now) {
        Program taken;
        synchronized (this) {
            requireVacant(session);
            Deque<Program> waiting = idle.getOrDefault(application.name(), new ArrayDeque<>());
            Program next = waiting.pollFirst();
            while (next != null && !next.isRunning()) {
                next = waiting.pollFirst();
            }
            if (next == null) {
                return Optional.empty();
            }
            taken = next.assignTo(session, client, now);
            programs.put(session, taken);
        }
        watch(taken);
        return Optional.of(taken);
    }

    /** How many pool programs of the application there are, ready or being launched. */
    public synchronized int pooled(String application) {
        return held.getOrDefault(application, 0) + idle.getOrDefault(application, new ArrayDeque<>()).size();
    }

    /** How many pool programs there are, ready or being launched. */
    public synchronized int pooled() {
        return held.values().stream().mapToInt(Integer::intValue).sum()
                + idle.values().stream().mapToInt(Deque::size).sum();
    }

    /** The ready pool programs, which have no session yet. */
    public synchronized List<Program> idlePrograms() {
        return idle.values().stream().flatMap(Deque::stream).toList();
    }

    /** Stops an idle pool program, for instance one that outlived its application's maxLifetimeSeconds. */
    public void stopIdle(Program program, EndReason reason) {
        boolean wasIdle;
        synchronized (this) {
            wasIdle = idle.getOrDefault(program.application(), new ArrayDeque<>()).remove(program);
        }
        if (wasIdle) {
            program.stop(reason, stopGrace);
            writeJournal();
        }
    }

    /** Ends a reservation whose launch failed. */
    public synchronized void cancel(String session) {
        reserved.remove(session);
        stoppedWhileStarting.remove(session);
    }

    /** Tracks a started program; one that lost a race for its session, or came after {@link #stopAll}, is stopped. */
    public void add(Program program) {
        String refusal;
        boolean stopped;
        synchronized (this) {
            reserved.remove(program.session());
            stopped = stoppedWhileStarting.remove(program.session());
            refusal = closed ? "the agent is going down"
                    : stopped ? "session " + program.session() + " was stopped while its program was starting"
                    : programs.putIfAbsent(program.session(), program) != null
                    ? "session " + program.session() + " already has a program" : null;
        }
        if (refusal != null) {
            program.stop(closed() ? EndReason.AGENT_STOPPING : stopped ? EndReason.STOPPED : EndReason.LAUNCH_FAILED,
                    stopGrace);
            throw new LaunchException(closed() ? LaunchProblem.AGENT_STOPPING
                    : stopped ? LaunchProblem.STOPPED_WHILE_STARTING : LaunchProblem.DUPLICATE_SESSION, refusal);
        }
        watch(program);
    }

    private synchronized boolean closed() {
        return closed;
    }

    /** Journals a program that got its session, and reports its end. */
    private void watch(Program program) {
        writeJournal();
        program.exit().thenAcceptAsync(exitCode -> {
            programs.remove(program.session(), program);
            writeJournal();
            program.closeLink();
            exitListener.accept(program, exitCode);
        }, callbacks);
    }

    /** Every program the agent started, idle ones too: the next agent must find them all should this one die. */
    private void writeJournal() {
        List<Program> all = new ArrayList<>(programs.values());
        all.addAll(idlePrograms());
        journal.write(all);
    }

    public Optional<Program> program(String session) {
        return Optional.ofNullable(session).map(programs::get);
    }

    /** The running programs, oldest first. */
    public List<Program> programs() {
        return programs.values().stream().sorted(Comparator.comparing(Program::startedAt)).toList();
    }

    public int count() {
        return programs.size();
    }

    /**
     * Capacity units the programs use: the sum of their applications' weights, pool programs included, since they
     * take the server's memory whether or not they have a session, and programs still starting, since their launch
     * orders are counted already (a report during a launch would otherwise show the master a program too few).
     */
    public synchronized int capacityUsed() {
        return programs.values().stream().mapToInt(Program::weight).sum()
                + reserved.values().stream().mapToInt(application -> application.limits().weight()).sum()
                + idle.values().stream().flatMap(Deque::stream).mapToInt(Program::weight).sum()
                + held.entrySet().stream().mapToInt(entry -> entry.getValue() * heldWeights.get(entry.getKey())).sum();
    }

    /** Stops the session's program and all it started; empty when the session has none. */
    public Optional<Program> stop(String session, EndReason reason) {
        Optional<Program> program = Optional.ofNullable(session).map(programs::remove);
        program.ifPresent(found -> found.stop(reason, stopGrace));
        return program;
    }

    /**
     * Stops the programs of several sessions, each for its reason, together: one round of signals and one reading of
     * the process table per round for all of them, and their grace periods do not add up. Answers the programs stopped.
     */
    public List<Program> stop(Map<String, EndReason> reasons) {
        List<Program> stopping = new ArrayList<>();
        reasons.forEach((session, reason) -> Optional.ofNullable(programs.remove(session)).ifPresent(program -> {
            program.ending(reason);
            stopping.add(program);
        }));
        ProcessGroup.stop(stopping.stream().map(Program::leader).toList(), stopGrace);
        stopping.forEach(Program::closeLink);
        return stopping;
    }

    /** Stops the session's program on the master's order. */
    public Optional<Program> stop(String session) {
        return stop(session, EndReason.STOPPED);
    }

    /**
     * Stops the session's program on the master's order, also one still starting: that one is stopped as soon as it
     * is started ({@link #add} refuses it). False when the session has no program, running or starting.
     */
    public boolean stopRunningOrStarting(String session) {
        synchronized (this) {
            if (session != null && reserved.containsKey(session)) {
                stoppedWhileStarting.add(session);
                return true;
            }
        }
        return stop(session).isPresent();
    }

    /**
     * Stops every program, as the agent goes down: its programs would outlive it otherwise. All at once, so that the
     * grace periods do not add up. Programs whose launch completes afterwards are stopped as they arrive. Answers the
     * programs that had sessions (pool programs have none), ended now.
     */
    public List<Program> stopAll() {
        List<Program> stopping = new ArrayList<>();
        List<Program> withSessions;
        synchronized (this) {
            closed = true;
            withSessions = List.copyOf(programs.values());
            stopping.addAll(withSessions);
            programs.clear();
            idle.values().forEach(stopping::addAll);
            idle.clear();
        }
        stopping.forEach(program -> program.ending(EndReason.AGENT_STOPPING));
        ProcessGroup.stop(stopping.stream().map(Program::leader).toList(), stopGrace);
        stopping.forEach(Program::closeLink);
        return withSessions;
    }

    private void requireInstance(Application application) {
        int instances = instances(application.name());
        if (instances >= application.limits().maxInstances()) {
            throw new LaunchException(LaunchProblem.TOO_MANY_INSTANCES, "'" + application.name() + "' runs "
                    + instances + " times on this server, its maxInstances");
        }
    }

    private int instances(String application) {
        long running = programs.values().stream().filter(program -> program.application().equals(application)).count();
        long launching = reserved.values().stream().map(Application::name).filter(application::equals).count();
        return (int) running + (int) launching + pooled(application);
    }
}
