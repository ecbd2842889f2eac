package org.switchboard.agent.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.switchboard.agent.entity.Activity;
import org.switchboard.agent.entity.ProcessTable;
import org.switchboard.agent.entity.Program;

/**
 * Reads what a program did so far from Linux' {@code /proc}, for {@link LifetimeGuard}'s idleness check.
 * <p>
 * <b>CPU</b>: {@code utime + stime + cutime + cstime} of {@code /proc/<pid>/stat} for every process of the program's
 * session ({@link ProcessTable#members}), so a program that hands its work to children is busy too.
 * <p>
 * <b>Traffic</b>: for a stdio program the agent relays every byte itself and counts them ({@link StdioBridge}). A tcp
 * program's client talks to it directly, and Linux keeps no byte counters per socket that a process can read cheaply
 * ({@code /proc/net/tcp} has only the queues' momentary fill; the counters of {@code TCP_INFO} need netlink or
 * {@code ss}). So for tcp the agent counts the bytes the session's processes read and wrote, {@code rchar + wchar} of
 * {@code /proc/<pid>/io}: socket traffic through {@code read}/{@code write} (how the JVM, Go, Node.js and most servers
 * do their socket I/O) shows there, together with file I/O, which is activity as well. A program that uses only
 * {@code recv}/{@code send} (Python's socket module) is not seen there; it is seen through its CPU, which a program
 * that serves traffic uses. An unreadable file (a process that just ended) counts as nothing.
 */
public final class ActivityMeter implements Supplier<Function<Program, Activity>> {

    private static final Path PROC = Path.of("/proc");

    /**
     * A reading for one check of all programs: the process table is read once, when the first program is measured
     * (a check with no program to measure reads nothing).
     */
    @Override
    public Function<Program, Activity> get() {
        return new Function<>() {

            private ProcessTable table;

            @Override
            public Activity apply(Program program) {
                if (table == null) {
                    table = ProcessTable.read();
                }
                Set<Long> members = table.members(program.leader().pid());
                Map<Long, Long> ticks = new HashMap<>();
                members.forEach(pid -> ticks.put(pid, table.cpuTicks(pid)));
                long traffic = program.relayedBytes()
                        .orElseGet(() -> members.stream().mapToLong(ActivityMeter::ioBytes).sum());
                return new Activity(traffic, ticks);
            }
        };
    }

    /** rchar + wchar of /proc/<pid>/io. */
    static long ioBytes(long pid) {
        try {
            long bytes = 0;
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("io"))) {
                if (line.startsWith("rchar:") || line.startsWith("wchar:")) {
                    bytes += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return bytes;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }
}
