package org.switchboard.agent.entity;

import java.time.Duration;
import java.util.Map;

/**
 * One reading of what a program did so far: the bytes it moved and the CPU time of each process of its session.
 * Two readings tell whether the program was busy in between.
 *
 * @param trafficBytes bytes through the program's client link so far, as far as the agent can count them (see
 *                     {@code ActivityMeter}); only differences between readings mean anything
 * @param cpuTicks     per process id, the CPU time (user and system, in clock ticks of 1/100 s) of the process and its
 *                     reaped children
 */
public record Activity(long trafficBytes, Map<Long, Long> cpuTicks) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: Linux' USER_HZ, 100 on every architecture it runs on. */
    public static final int TICKS_PER_SECOND = 100;

    public Activity {
        cpuTicks = Map.copyOf(cpuTicks);
    }

    /**
     * CPU ticks the session used since the earlier reading: a process seen then counts what it added, a new process
     * counts all it used; a process that ended in between is not counted (its reaped time shows in its parent).
     */
    public long cpuTicksSince(Activity earlier) {
        return cpuTicks.entrySet().stream().mapToLong(process -> Math.max(0,
                process.getValue() - earlier.cpuTicks.getOrDefault(process.getKey(), 0L))).sum();
    }

    /**
     * Whether the program was busy between the earlier reading and this one, {@code elapsed} apart: it moved bytes, or
     * its session used more than {@code cpuShare} (of one core) of the time.
     */
    public boolean busySince(Activity earlier, Duration elapsed, double cpuShare) {
        double allowedTicks = cpuShare * TICKS_PER_SECOND * elapsed.toMillis() / 1000.0;
        return trafficBytes != earlier.trafficBytes || cpuTicksSince(earlier) > allowedTicks;
    }
}
