package org.switchboard.agent.entity;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of a program, ended together. Every program starts through {@code setsid} (util-linux), so it leads a
 * session of its own whose id is its process id, and everything it starts belongs to that session: also children it
 * has let go (double-forked daemons re-parented to PID 1), which a walk down the process tree no longer finds, and jobs
 * a shell put into process groups of their own. Members are found by their session id in {@code /proc} (Linux); the
 * leader's descendants are added for children that left the session with a {@code setsid} of their own.
 * <p>
 * Java offers no {@code killpg}, and a shell command line is not an option, so the members are signalled one by one,
 * again and again until none is left: a member forked while the others were signalled is caught by the next round.
 */
public final class ProcessGroup {

    private static final Path PROC = Path.of("/proc");
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long the agent waits for SIGKILL to take effect; only a process stuck in the kernel takes longer. */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(10);

    private ProcessGroup() {
    }

    /**
     * The {@code setsid} program that puts each program into a session of its own, checked once when the agent
     * starts: without it, or without {@code /proc}, the agent could not promise that a stopped program leaves nothing
     * behind, so it refuses to run.
     */
    public static Path setsid() {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            throw new IllegalStateException("the agent needs Linux' /proc to find a program's processes; " + PROC
                    + "/self is missing");
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin:/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, "setsid")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("the agent starts every program with 'setsid' (package "
                        + "util-linux) so that it can end all of a program's processes, but there is no executable "
                        + "setsid on the PATH " + path));
    }

    /** The live processes of the session that {@code leader} leads, the leader and its descendants included. */
    public static Set<ProcessHandle> members(ProcessHandle leader) {
        Set<ProcessHandle> members = new HashSet<>(sessionMembers(leader.pid()));
        if (leader.isAlive()) {
            members.add(leader);
            leader.descendants().filter(ProcessGroup::alive).forEach(members::add);
        }
        members.removeIf(member -> member.pid() == ProcessHandle.current().pid());
        return members;
    }

    /**
     * What is left of a session whose leader has ended: its members, re-parented and out of reach of the leader's
     * descendants. Empty while a process with the session's id runs: that is the leader, or (the id having been
     * recycled after the session ended) an unrelated process.
     */
    public static Set<ProcessHandle> remainsOf(long session) {
        if (ProcessHandle.of(session).filter(ProcessGroup::alive).isPresent()) {
            return Set.of();
        }
        return sessionMembers(session);
    }

    /** Ends the program that {@code leader} leads and all its processes; see {@link #stop(Collection, Duration)}. */
    public static void stop(ProcessHandle leader, Duration grace) {
        stop(List.of(leader), grace);
    }

    /**
     * Ends the programs and all their processes: SIGTERM to every member, then SIGKILL to whatever is left after
     * {@code grace}. Returns once no member is alive (or after a last wait for the kernel). Programs are ended
     * together, so that the grace periods of many programs do not add up.
     */
    public static void stop(Collection<ProcessHandle> leaders, Duration grace) {
        Set<Long> terminated = new HashSet<>();
        long graceEnds = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        while (true) {
            Set<ProcessHandle> alive = members(leaders);
            if (alive.isEmpty()) {
                return;
            }
            if (interrupted || System.nanoTime() - graceEnds >= 0) {
                break;
            }
            // only newcomers: a second SIGTERM may cut short a program that is already shutting down cleanly
            alive.stream().filter(member -> terminated.add(member.pid())).forEach(ProcessHandle::destroy);
            interrupted = !pause();
        }
        long killEnds = System.nanoTime() + KILL_PATIENCE.toNanos();
        Set<ProcessHandle> alive = members(leaders);
        while (!alive.isEmpty() && System.nanoTime() - killEnds < 0) {
            alive.forEach(ProcessHandle::destroyForcibly);
            interrupted |= !pause();
            alive = members(leaders);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<ProcessHandle> members(Collection<ProcessHandle> leaders) {
        Set<ProcessHandle> members = new HashSet<>();
        leaders.forEach(leader -> members.addAll(members(leader)));
        return members;
    }

    /** False when interrupted; the caller still finishes the job, since leaving processes behind is worse. */
    private static boolean pause() {
        try {
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Processes whose session id is {@code session}. Linux does not hand out a process id that is still some live
     * process' session id, so a session id read here always means the program's session, never a recycled one.
     */
    private static Set<ProcessHandle> sessionMembers(long session) {
        Set<ProcessHandle> members = new HashSet<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(pid -> stat(pid).filter(stat -> stat.session() == session && stat.running())
                            .flatMap(stat -> ProcessHandle.of(Long.parseLong(pid))).ifPresent(members::add));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in " + PROC, e);
        }
        return members;
    }

    private static boolean alive(ProcessHandle process) {
        return stat(Long.toString(process.pid())).map(Stat::running).orElse(false);
    }

    /** Fields of {@code /proc/<pid>/stat}; empty when the process is gone. */
    private static Optional<Stat> stat(String pid) {
        try {
            String line = Files.readString(PROC.resolve(pid).resolve("stat"));
            // the command name (field 2) is in parentheses and may itself contain spaces and parentheses
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[3])));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** @param state R, S, D, Z, ...; a zombie (Z) or dead (X) process has ended, it only waits to be reaped */
    private record Stat(char state, long session) {

        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }
}
