package org.switchboard.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A client's session with a program running on a processing server. */
@Entity
@Table(name = "program_session", indexes = {
        @Index(columnList = "client_id, app"), @Index(columnList = "server_name, state")})
public class ProgramSession {

    @Id
    private String id;
    @Column(name = "client_id", nullable = false)
    private String clientId;
    @Column(nullable = false)
    private String app;
    @Column(name = "server_name", nullable = false)
    private String server;
    private long pid;
    @Column(name = "endpoint_host", nullable = false)
    private String endpointHost;
    @Column(name = "endpoint_port")
    private int endpointPort;
    /** The application's kind, {@code tcp} or {@code stdio}: how a relay speaks to the endpoint. */
    @Column(name = "endpoint_kind")
    private String endpointKind;
    @Column(name = "relay_token_hash", nullable = false)
    private String relayTokenHash;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SessionState state;
    @Column(name = "created_millis")
    private long createdMillis;
    @Column(name = "ended_millis")
    private Long endedMillis;
    @Column(name = "end_reason")
    private String endReason;

    protected ProgramSession() {
    }

    public ProgramSession(String id, String clientId, String app, String server, long pid, String endpointHost,
                          int endpointPort, String endpointKind, String relayTokenHash, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.clientId = clientId;
        this.app = app;
        this.server = server;
        this.pid = pid;
        this.endpointHost = endpointHost;
        this.endpointPort = endpointPort;
        this.endpointKind = endpointKind;
        this.relayTokenHash = relayTokenHash;
        this.state = SessionState.RUNNING;
        this.createdMillis = createdAt.toEpochMilli();
    }

    /** Ends the session once; later calls keep the first reason. */
    public void end(String reason, Instant at) {
        if (state == SessionState.ENDED) {
            return;
        }
        state = SessionState.ENDED;
        endReason = reason;
        endedMillis = at.toEpochMilli();
    }

    public boolean isRunning() {
        return state == SessionState.RUNNING;
    }

    public String getId() {
        return id;
    }

    public String getClientId() {
        return clientId;
    }

    public String getApp() {
        return app;
    }

    public String getServer() {
        return server;
    }

    public long getPid() {
        return pid;
    }

    public String getEndpointHost() {
        return endpointHost;
    }

    public int getEndpointPort() {
        return endpointPort;
    }

    public String getEndpointKind() {
        return endpointKind;
    }

    public String getRelayTokenHash() {
        return relayTokenHash;
    }

    public SessionState getState() {
        return state;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdMillis);
    }

    public Instant getEndedAt() {
        return endedMillis == null ? null : Instant.ofEpochMilli(endedMillis);
    }

    public String getEndReason() {
        return endReason;
    }
}
