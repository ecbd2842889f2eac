package org.switchboard.history.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One client request in the history: who asked for what from where, and what the master decided. */
@Entity
@Table(name = "client_request", indexes = @Index(columnList = "requested_millis"))
public class ClientRequest {

    /** In the order requests were recorded, so the history reads in sequence even within one millisecond. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "client_request_seq")
    @SequenceGenerator(name = "client_request_seq", sequenceName = "client_request_seq")
    private long id;
    @Column(name = "client_id", nullable = false)
    private String clientId;
    @Column(nullable = false)
    private String app;
    private String location;
    @Column(name = "server_name")
    private String server;
    @Column(name = "session_id")
    private String sessionId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Outcome outcome;
    @Column(name = "requested_millis")
    private long requestedMillis;
    @Column(name = "decision_nanos")
    private long decisionNanos;
    @Lob
    private String reasons;

    protected ClientRequest() {
    }

    public ClientRequest(String clientId, String app, String location, String server, String sessionId,
                         Outcome outcome, Instant requestedAt, long decisionNanos, String reasons) {
        this.clientId = clientId;
        this.app = app;
        this.location = location;
        this.server = server;
        this.sessionId = sessionId;
        this.outcome = outcome;
        this.requestedMillis = requestedAt.toEpochMilli();
        this.decisionNanos = decisionNanos;
        this.reasons = reasons;
    }

    public long getId() {
        return id;
    }

    public String getClientId() {
        return clientId;
    }

    public String getApp() {
        return app;
    }

    public String getLocation() {
        return location;
    }

    public String getServer() {
        return server;
    }

    public String getSessionId() {
        return sessionId;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public Instant getRequestedAt() {
        return Instant.ofEpochMilli(requestedMillis);
    }

    public long getDecisionNanos() {
        return decisionNanos;
    }

    /**
     * The decision's reasons: each candidate's score or why it was excluded, as JSON (written and read by the master's
     * {@code HistoryReasons}; docs/database.md).
     */
    public String getReasons() {
        return reasons;
    }
}
