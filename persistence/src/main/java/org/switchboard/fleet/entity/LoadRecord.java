package org.switchboard.fleet.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One load report a processing server's agent sent, as received. */
@Entity
@Table(name = "load_record", indexes = @Index(columnList = "server_name, reported_millis"))
public class LoadRecord {

    @Id
    private String id;
    @Column(name = "server_name", nullable = false)
    private String server;
    @Column(name = "reported_millis")
    private long reportedMillis;
    @Column(name = "cpu_load")
    private double cpuLoad;
    @Column(name = "memory_load")
    private double memoryLoad;
    private int programs;
    @Column(name = "capacity_used")
    private int capacityUsed;

    protected LoadRecord() {
    }

    public LoadRecord(String server, Instant reportedAt, double cpuLoad, double memoryLoad, int programs,
                      int capacityUsed) {
        this.id = UUID.randomUUID().toString();
        this.server = server;
        this.reportedMillis = reportedAt.toEpochMilli();
        this.cpuLoad = cpuLoad;
        this.memoryLoad = memoryLoad;
        this.programs = programs;
        this.capacityUsed = capacityUsed;
    }

    public String getServer() {
        return server;
    }

    public Instant getReportedAt() {
        return Instant.ofEpochMilli(reportedMillis);
    }

    public double getCpuLoad() {
        return cpuLoad;
    }

    public double getMemoryLoad() {
        return memoryLoad;
    }

    public int getPrograms() {
        return programs;
    }

    public int getCapacityUsed() {
        return capacityUsed;
    }
}
