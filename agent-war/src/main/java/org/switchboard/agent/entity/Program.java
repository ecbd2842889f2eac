package org.switchboard.agent.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.switchboard.protocol.Endpoint;

/**
 * A program running for a session: its process (the leader of the program's own session, see {@link ProcessGroup}),
 * where the client reaches it, and the agent's side of the client's link.
 */
public final class Program {

    private final Application application;
    private final String session;
    private final String client;
    private final Process process;
    private final Endpoint endpoint;
    private final Instant startedAt;
    private final Instant assignedAt;
    private final ClientLink link;
    private final AtomicReference<EndReason> endReason;
    private volatile boolean clientSeen;
    /** The last activity reading, when it was taken, and when the program was last seen busy; guarded by this. */
    private Activity lastReading;
    private Instant lastReadAt;
    private Instant busyAt;

    /**
     * @param startedAt when the process started; its lifetime counts from then
     */
    public Program(Application application, String session, String client, Process process, Endpoint endpoint,
                   Instant startedAt, ClientLink link) {
        this(application, session, client, process, endpoint, startedAt, startedAt, link, new AtomicReference<>());
    }

    private Program(Application application, String session, String client, Process process, Endpoint endpoint,
                    Instant startedAt, Instant assignedAt, ClientLink link, AtomicReference<EndReason> endReason) {
        this.application = application;
        this.session = session;
        this.client = client;
        this.process = process;
        this.endpoint = endpoint;
        this.startedAt = startedAt;
        this.assignedAt = assignedAt;
        this.link = link;
        this.endReason = endReason;
    }

    /**
     * The same running program, handed to a session at {@code at}: a pooled program started before its session was
     * known. The client's connect timeout counts from the hand-over, the lifetime still from the start.
     */
    public Program assignTo(String newSession, String newClient, Instant at) {
        link.handedTo(newSession);
        return new Program(application, newSession, newClient, process, endpoint, startedAt, at, link, endReason);
    }

    public String session() {
        return session;
    }

    /** The application's name. */
    public String application() {
        return application.name();
    }

    /** How its client reaches it. */
    public Kind kind() {
        return application.kind();
    }

    public String client() {
        return client;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle leader() {
        return process.toHandle();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When the program was given to its session; the same as {@link #startedAt()} unless it came from a pool. */
    public Instant assignedAt() {
        return assignedAt;
    }

    /** Capacity units this program uses. */
    public int weight() {
        return application.limits().weight();
    }

    public Optional<Duration> maxLifetime() {
        return application.limits().lifetime();
    }

    /** Whether the lifetime the catalog allows has run out at {@code now}. */
    public boolean outlived(Instant now) {
        return maxLifetime().map(max -> !now.isBefore(startedAt.plus(max))).orElse(false);
    }

    /** The application's own idle timeout; empty for the agent's. */
    public Optional<Duration> idleTimeout() {
        return application.limits().idle();
    }

    /** Since when the program's client is gone, waiting for it to come back; see {@link ClientLink#clientGoneSince()}. */
    public Optional<Instant> clientGoneSince() {
        return link.clientGoneSince();
    }

    /** Whether the client left more than {@code grace} before {@code now} and has not come back. */
    public boolean clientGone(Instant now, Duration grace) {
        return clientGoneSince().map(since -> !now.isBefore(since.plus(grace))).orElse(false);
    }

    /** Bytes through the client link as the agent counts them; empty when it is not in the link's path (tcp). */
    public OptionalLong relayedBytes() {
        return link.relayedBytes();
    }

    /**
     * Takes a new reading of what the program did and says for how long it has been idle: since the last reading
     * that found it busy, or since its first reading (what it did before is not known, so it is not held against it).
     */
    public synchronized Duration idleAfter(Activity reading, Instant now, double cpuShare) {
        if (lastReading == null || reading.busySince(lastReading, Duration.between(lastReadAt, now), cpuShare)) {
            busyAt = now;
        }
        lastReading = reading;
        lastReadAt = now;
        return Duration.between(busyAt, now);
    }

    /** Whether a client has connected, now or at any time before: once seen, a client counts for good. */
    public boolean clientConnected() {
        if (!clientSeen && link.clientConnected()) {
            clientSeen = true;
        }
        return clientSeen;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Completes with the exit code once the process has ended, however it ended. */
    public CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Why the program ended or is ending: the first reason it was stopped for, else that it ended on its own. */
    public EndReason endReason() {
        return Optional.ofNullable(endReason.get()).orElse(EndReason.EXITED);
    }

    /** Records why the program is about to be stopped, unless it already has a reason. */
    public void ending(EndReason reason) {
        endReason.compareAndSet(null, reason);
    }

    /** Ends the program and all its processes: SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(EndReason reason, Duration grace) {
        ending(reason);
        ProcessGroup.stop(leader(), grace);
        closeLink();
    }

    /** Closes what the agent opened for this program; the process itself is left alone. */
    public void closeLink() {
        link.close();
    }

    @Override
    public String toString() {
        return "Program[" + application() + " for session " + session + ", pid " + pid() + " at " + endpoint + "]";
    }
}
