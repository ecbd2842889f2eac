package org.switchboard.fleet.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A processing server (patent: 22, 24, 26) as its agent registered it. */
@Entity
@Table(name = "processing_server")
public class ProcessingServer {

    @Id
    private String name;
    @Column(name = "agent_url", nullable = false)
    private String agentUrl;
    @Column(nullable = false)
    private String location;
    private int capacity;
    // no foreign key constraint: EclipseLink's create-or-extend-tables would add it again at every start and fail
    // (eclipse-ee4j/eclipselink#1278); rows of this table are only ever written together with their server's
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
    @Column(name = "application")
    private List<String> applications = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ServerState state;
    @Column(name = "registered_millis")
    private long registeredMillis;
    @Column(name = "last_report_millis")
    private long lastReportMillis;

    protected ProcessingServer() {
    }

    public ProcessingServer(String name, String agentUrl, String location, int capacity, List<String> applications,
                            Instant registeredAt) {
        this.name = name;
        this.state = ServerState.UP;
        register(agentUrl, location, capacity, applications, registeredAt);
    }

    /** The agent (re-)registered, possibly with a new address, location or catalog. */
    public void register(String agentUrl, String location, int capacity, List<String> applications, Instant at) {
        this.agentUrl = agentUrl;
        this.location = location;
        this.capacity = capacity;
        this.applications = new ArrayList<>(applications);
        this.registeredMillis = at.toEpochMilli();
        this.lastReportMillis = at.toEpochMilli();
        if (state == ServerState.DOWN) {
            state = ServerState.UP;
        }
    }

    public void reported(Instant at) {
        lastReportMillis = at.toEpochMilli();
        if (state == ServerState.DOWN) {
            state = ServerState.UP;
        }
    }

    public void markDown() {
        if (state == ServerState.UP) {
            state = ServerState.DOWN;
        }
    }

    public String getName() {
        return name;
    }

    public String getAgentUrl() {
        return agentUrl;
    }

    public String getLocation() {
        return location;
    }

    public int getCapacity() {
        return capacity;
    }

    public List<String> getApplications() {
        return List.copyOf(applications);
    }

    public ServerState getState() {
        return state;
    }

    public Instant getRegisteredAt() {
        return Instant.ofEpochMilli(registeredMillis);
    }

    public Instant getLastReportAt() {
        return Instant.ofEpochMilli(lastReportMillis);
    }
}
