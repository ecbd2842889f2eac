package org.switchboard.agent.entity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One reading of Linux' process table: every process' state, parent, session and CPU time, each {@code /proc/<pid>/stat}
 * read once. Finding a program's processes means looking at every process of the machine, so whoever needs the
 * processes of many programs at once (the agent's once-a-second idleness check, stopping many programs) reads the
 * table once for all of them: reading it per program made a check cost programs × processes file reads.
 */
public final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    /**
     * @param state R, S, D, Z, ...; a zombie (Z) or dead (X) process has ended, it only waits to be reaped
     * @param cpuTicks utime + stime + cutime + cstime, in clock ticks
     */
    record Entry(long pid, char state, long parent, long session, long cpuTicks) {

        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    /** The last reading made by {@link #readSince}, shared by everyone who asks for one begun after a given time. */
    private static volatile ProcessTable latest;
    private static final Object READING = new Object();

    private final Map<Long, Entry> processes;
    private final Map<Long, List<Long>> children = new HashMap<>();
    private final Map<Long, List<Long>> bySession = new HashMap<>();
    /** When this reading began ({@link System#nanoTime()}). */
    private final long readNanos;

    private ProcessTable(Map<Long, Entry> processes, long readNanos) {
        this.processes = processes;
        this.readNanos = readNanos;
        processes.values().forEach(entry -> {
            children.computeIfAbsent(entry.parent(), parent -> new ArrayList<>()).add(entry.pid());
            bySession.computeIfAbsent(entry.session(), session -> new ArrayList<>()).add(entry.pid());
        });
    }

    /**
     * A reading begun at {@code sinceNanos} ({@link System#nanoTime()}) or later: the last one if it began then,
     * else a new one. One reading at a time, shared: programs stopped one by one but at once (a client storm of ends,
     * a master reconciling many sessions) each poll the table every few milliseconds until their processes are gone,
     * and reading it apiece made their polls cost programs × processes file reads.
     */
    public static ProcessTable readSince(long sinceNanos) {
        ProcessTable last = latest;
        if (last != null && last.readNanos - sinceNanos >= 0) {
            return last;
        }
        synchronized (READING) {
            last = latest;
            if (last != null && last.readNanos - sinceNanos >= 0) {
                return last;
            }
            latest = read();
            return latest;
        }
    }

    /** Reads every process of the machine now. */
    public static ProcessTable read() {
        long readNanos = System.nanoTime();
        Map<Long, Entry> processes = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .forEach(pid -> stat(Long.parseLong(pid)).ifPresent(entry -> processes.put(entry.pid(), entry)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in " + PROC, e);
        }
        return new ProcessTable(processes, readNanos);
    }

    /**
     * The live processes of the session that {@code leader} leads: those whose session id is the leader's (Linux does
     * not hand out a process id that is still some live process' session id, so such a process always belongs to the
     * program), and the leader and its descendants while the leader runs (children that left the session with a
     * {@code setsid} of their own).
     */
    public Set<Long> members(long leader) {
        Set<Long> members = new HashSet<>(bySession.getOrDefault(leader, List.of()));
        if (running(leader)) {
            Deque<Long> next = new ArrayDeque<>(List.of(leader));
            Set<Long> seen = new HashSet<>();
            while (!next.isEmpty()) {
                long pid = next.pop();
                if (seen.add(pid)) {
                    members.add(pid);
                    next.addAll(children.getOrDefault(pid, List.of()));
                }
            }
        }
        members.removeIf(pid -> !running(pid));
        return members;
    }

    /** What is left of a session whose leader has ended; empty while a process with the session's id runs. */
    public Set<Long> remainsOf(long session) {
        if (running(session)) {
            return Set.of();
        }
        Set<Long> remains = new HashSet<>();
        bySession.getOrDefault(session, List.of()).stream().filter(this::running).forEach(remains::add);
        return remains;
    }

    /** CPU time {@code pid} used so far, its reaped children's included; 0 when it is not in the table. */
    public long cpuTicks(long pid) {
        Entry entry = processes.get(pid);
        return entry == null ? 0 : entry.cpuTicks();
    }

    private boolean running(long pid) {
        Entry entry = processes.get(pid);
        return entry != null && entry.running();
    }

    /** The fields of {@code /proc/<pid>/stat} this table keeps; empty when the process is gone. */
    static Optional<Entry> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // the command name (field 2) is in parentheses and may itself contain spaces and parentheses
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Entry(pid, fields[0].charAt(0), Long.parseLong(fields[1]),
                    Long.parseLong(fields[3]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
