package org.switchboard.agent.control;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import org.switchboard.agent.entity.Program;

/**
 * The programs running on this server, one per session. A program that ends, on its own or when stopped, leaves the
 * registry and is reported once to the exit listener.
 */
public final class ProgramRegistry {

    private final ConcurrentMap<String, Program> programs = new ConcurrentHashMap<>();
    private final Duration stopGrace;
    private final Executor callbacks;
    private final BiConsumer<Program, Integer> exitListener;
    private final ProgramJournal journal;

    /**
     * @param stopGrace    how long a stopped program may take to end before it is killed
     * @param callbacks    runs the exit listener
     * @param exitListener told of every program that ended, with its exit code
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
    public void requireVacant(String session) {
        if (programs.containsKey(session)) {
            throw new LaunchException(LaunchProblem.DUPLICATE_SESSION, "session " + session + " already has a program");
        }
    }

    /** Tracks a started program; one that lost a race for its session is stopped again. */
    public void add(Program program) {
        if (programs.putIfAbsent(program.session(), program) != null) {
            program.stop(stopGrace);
            throw new LaunchException(LaunchProblem.DUPLICATE_SESSION,
                    "session " + program.session() + " already has a program");
        }
        journal.write(programs.values());
        program.exit().thenAcceptAsync(exitCode -> {
            programs.remove(program.session(), program);
            journal.write(programs.values());
            program.closeLink();
            exitListener.accept(program, exitCode);
        }, callbacks);
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

    /** Stops the session's program and all it started; empty when the session has none. */
    public Optional<Program> stop(String session) {
        Optional<Program> program = Optional.ofNullable(session).map(programs::remove);
        program.ifPresent(found -> found.stop(stopGrace));
        return program;
    }

    /** Stops every program, as the agent goes down: its programs would outlive it otherwise. */
    public void stopAll() {
        programs.keySet().forEach(this::stop);
    }
}
