package org.switchboard.agent.control;

import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.OperatingSystemMXBean;

import org.switchboard.protocol.LoadReport;

/** Measures this server's load for the master: host CPU and memory, programs, and launch orders received. */
public final class LoadMeter {

    private final String server;
    private final ProgramRegistry registry;
    private final OperatingSystemMXBean host;
    private final AtomicLong launchOrders = new AtomicLong();

    public LoadMeter(String server, ProgramRegistry registry, OperatingSystemMXBean host) {
        this.server = server;
        this.registry = registry;
        this.host = host;
    }

    /** Counts a launch instruction as it arrives, whether or not it is carried out. */
    public void countLaunchOrder() {
        launchOrders.incrementAndGet();
    }

    public LoadReport measure() {
        // the orders before the capacity: a launch between the two readings is counted in the capacity, not missed
        long orders = launchOrders.get();
        int programs = registry.count() + registry.pooled(); // pool programs run, and use the server, too
        return new LoadReport(server, host.getCpuLoad(), memoryLoad(), programs, registry.capacityUsed(), orders);
    }

    private double memoryLoad() {
        long total = host.getTotalMemorySize();
        return total <= 0 ? -1 : 1.0 - (double) host.getFreeMemorySize() / total;
    }
}
