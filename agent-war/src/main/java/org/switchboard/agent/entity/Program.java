package org.switchboard.agent.entity;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.switchboard.protocol.Endpoint;

/**
 * A program running for a session: its process, where the client reaches it, and what else must close with it (the
 * stdio link's listening socket).
 */
public final class Program {

    private final String session;
    private final String application;
    private final String client;
    private final Process process;
    private final Endpoint endpoint;
    private final Instant startedAt;
    private final Closeable link;

    public Program(String session, String application, String client, Process process, Endpoint endpoint,
                   Instant startedAt, Closeable link) {
        this.session = session;
        this.application = application;
        this.client = client;
        this.process = process;
        this.endpoint = endpoint;
        this.startedAt = startedAt;
        this.link = link;
    }

    public String session() {
        return session;
    }

    public String application() {
        return application;
    }

    public String client() {
        return client;
    }

    public long pid() {
        return process.pid();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Completes with the exit code once the process has ended, however it ended. */
    public CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Ends the program and everything it started: asks politely, then forcibly after {@code grace}. */
    public void stop(Duration grace) {
        ProcessTree.stop(process.toHandle(), grace);
        closeLink();
    }

    /** Closes what the agent opened for this program; the process itself is left alone. */
    public void closeLink() {
        try {
            link.close();
        } catch (IOException ignored) {
            // a listening socket that fails to close is closed already
        }
    }

    @Override
    public String toString() {
        return "Program[" + application + " for session " + session + ", pid " + pid() + " at " + endpoint + "]";
    }
}
