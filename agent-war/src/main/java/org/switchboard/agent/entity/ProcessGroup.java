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
        return members(List.of(leader), System.nanoTime());
    }

    /**
     * What is left of a session whose leader has ended: its members, re-parented and out of reach of the leader's
     * descendants. Empty while a process with the session's id runs: that is the leader, or (the id having been
     * recycled after the session ended) an unrelated process.
     */
    public static Set<ProcessHandle> remainsOf(long session) {
        return handles(ProcessTable.read().remainsOf(session));
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
        // each reading must have begun after the last signals, so that it shows what they did
        long signalled = System.nanoTime();
        while (true) {
            Set<ProcessHandle> alive = members(leaders, signalled);
            if (alive.isEmpty()) {
                return;
            }
            if (interrupted || System.nanoTime() - graceEnds >= 0) {
                break;
            }
            // only newcomers: a second SIGTERM may cut short a program that is already shutting down cleanly
            alive.stream().filter(member -> terminated.add(member.pid())).forEach(ProcessHandle::destroy);
            signalled = System.nanoTime();
            interrupted = !pause();
        }
        long killEnds = System.nanoTime() + KILL_PATIENCE.toNanos();
        Set<ProcessHandle> alive = members(leaders, System.nanoTime());
        while (!alive.isEmpty() && System.nanoTime() - killEnds < 0) {
            alive.forEach(ProcessHandle::destroyForcibly);
            signalled = System.nanoTime();
            interrupted |= !pause();
            alive = members(leaders, signalled);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The live processes of the sessions {@code leaders} lead, from one reading of the process table begun at
     * {@code sinceNanos} or later (one another stop may have made: see {@link ProcessTable#readSince}).
     */
    private static Set<ProcessHandle> members(Collection<ProcessHandle> leaders, long sinceNanos) {
        ProcessTable table = ProcessTable.readSince(sinceNanos);
        Set<Long> members = new HashSet<>();
        leaders.forEach(leader -> members.addAll(table.members(leader.pid())));
        return handles(members);
    }

    private static Set<ProcessHandle> handles(Set<Long> pids) {
        long self = ProcessHandle.current().pid();
        Set<ProcessHandle> handles = new HashSet<>();
        pids.stream().filter(pid -> pid != self).map(ProcessHandle::of).flatMap(Optional::stream)
                .forEach(handles::add);
        return handles;
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
}
