package org.switchboard.agent.control;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.switchboard.agent.entity.ClientLink;
import org.switchboard.protocol.StdioLink;

/**
 * Links a stdio program to its client: the client (a slave's relay) connects to the agent's listening socket and
 * speaks the {@link StdioLink} protocol; its data goes to the program's standard input and the program's output
 * (standard error merged in) goes back as it is.
 * <p>
 * <b>Only the session's relay.</b> A connection must begin with the session's link proof, which only holders of the
 * shared secret can compute; anything else is answered with one line saying so and closed, and never disturbs the
 * current link. A pooled program admits its session's proof once it is handed over ({@link #handedTo}).
 * <p>
 * <b>One link at a time, and links may come back.</b> The listening socket stays open while the program runs. A new
 * connection takes over from the current one, which is closed: a link that dropped may still look alive to the agent
 * (nothing tells it that a peer vanished), so refusing the newcomer could lock the client out. A link that ends
 * without the end of input (a close, a reset, an error, a slave that died) is <em>dropped</em>: the program keeps
 * running with its input open, and its output is kept for the next link, at most {@link #BACKLOG_BYTES} of it; beyond
 * that the oldest bytes are dropped rather than the program blocked (a blocked program would stall, and then look
 * idle). {@link #clientGoneSince()} says since when nobody is linked; the {@link LifetimeGuard} ends the program after
 * the reconnect grace.
 * <p>
 * <b>Ending the input</b> takes the explicit end-of-input frame: the program's standard input closes, as a pipe's
 * would; the link goes on carrying the program's output. Ending the session (the master's {@code DELETE}) ends the
 * program in any case. When the program's output ends, all of it has been written to the client before the agent
 * closes its side of the connection.
 */
public final class StdioBridge implements ClientLink {

    private static final Logger LOG = Logger.getLogger(StdioBridge.class.getName());
    /** How long the agent keeps reading the client after the program's output has ended, before closing the link. */
    static final Duration LINGER = Duration.ofSeconds(10);
    /** Output kept while no client is linked; the oldest goes first. */
    static final int BACKLOG_BYTES = 1024 * 1024;
    /** How long a new connection has to present its link proof. */
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    /** What a connection that is no relay's reads before it is closed. */
    static final String REFUSAL = "switchboard: this stdio program is linked only through a slave's relay\n";
    private static final int BUFFER = 64 * 1024;

    private final ServerSocket listener;
    private final Process process;
    private final Executor threads;
    private final Clock clock;
    private final StdioLink protocol;
    /** The session whose link proof opens the link; changes once when a pooled program is handed over. */
    private volatile String session;
    private final AtomicLong relayed = new AtomicLong();
    private final Object lock = new Object();
    /** Held while a connection becomes the link, so that it gets the whole backlog and no other one slips in. */
    private final Object attaching = new Object();
    /** The client's link, or null; guarded by {@link #lock}. */
    private Socket current;
    /** Output no client has had yet; guarded by {@link #lock}. */
    private final Backlog backlog;
    /** When the last link dropped, or null while one is linked or before the first; guarded by {@link #lock}. */
    private Instant droppedAt;
    /** Whether the program's input has ended; guarded by {@link #lock}. */
    private boolean inputEnded;
    private volatile boolean connected;
    private volatile boolean outputEnded;

    /**
     * @param earlyOutput what the agent already read of the program's output while waiting for its ready line; the
     *                    client gets it first
     * @param clock       tells since when the client is gone
     * @param protocol    checks link proofs
     * @param session     the session whose relay may link
     */
    public StdioBridge(ServerSocket listener, Process process, Executor threads, byte[] earlyOutput, Clock clock,
                       StdioLink protocol, String session) {
        this.listener = listener;
        this.process = process;
        this.threads = threads;
        this.clock = clock;
        this.protocol = protocol;
        this.session = session;
        this.backlog = new Backlog(BACKLOG_BYTES);
        backlog.add(earlyOutput, earlyOutput.length);
    }

    /** Carries the program's output and waits for clients, in the background. */
    public void start() {
        threads.execute(this::pumpOutput);
        threads.execute(this::acceptClients);
    }

    /** The port clients connect to. */
    int port() {
        return listener.getLocalPort();
    }

    /** The agent sees the client's connection itself: true from the moment the first one is accepted. */
    @Override
    public boolean clientConnected() {
        return connected;
    }

    /** Since when no client is linked, after one was; empty while one is, before the first, and once output ended. */
    @Override
    public Optional<Instant> clientGoneSince() {
        synchronized (lock) {
            return outputEnded ? Optional.empty() : Optional.ofNullable(droppedAt);
        }
    }

    @Override
    public OptionalLong relayedBytes() {
        return OptionalLong.of(relayed.get());
    }

    /** A pooled program's new session: from now on its link proof, and only its, opens the link. */
    @Override
    public void handedTo(String newSession) {
        session = newSession;
    }

    /** Stops waiting for clients; a link already made goes on until the program's output ends. */
    @Override
    public void close() {
        closeQuietly(listener);
    }

    private void acceptClients() {
        try (listener) {
            while (true) {
                Socket candidate = listener.accept();
                threads.execute(() -> admit(candidate));
            }
        } catch (IOException closed) {
            // the program ended, or was stopped
        }
    }

    /** A connection becomes the link once it has presented the session's link proof in time; others are closed. */
    private void admit(Socket candidate) {
        try {
            candidate.setSoTimeout((int) HELLO_TIMEOUT.toMillis());
            InputStream in = new DataInputStream(new BufferedInputStream(candidate.getInputStream(), BUFFER));
            StdioLink.Frame hello = StdioLink.read(in);
            if (hello.type() != StdioLink.HELLO || !protocol.admits(session, hello.bytes())) {
                throw new StdioLink.ProtocolException("no link proof for session " + session);
            }
            candidate.setSoTimeout(0);
            attach(candidate, in);
        } catch (IOException refused) {
            LOG.log(Level.FINE, "a connection to the bridge was refused", refused);
            try {
                candidate.getOutputStream().write(REFUSAL.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException gone) {
                // nobody to tell
            }
            closeQuietly(candidate);
        }
    }

    /**
     * Makes the new connection the link: the previous one is closed, the backlog is sent first. The backlog is written
     * without holding the lock, so that the program's output goes on into the backlog meanwhile; the link becomes the
     * current one once the backlog is empty.
     */
    private void attach(Socket link, InputStream fromClient) {
        boolean ended;
        synchronized (attaching) { // connections that come at once become the link one after the other
            Socket previous;
            synchronized (lock) {
                previous = current;
                current = null;
                if (previous != null) {
                    droppedAt = clock.instant();
                }
            }
            if (previous != null) {
                closeQuietly(previous); // also frees the output pump, should it be stuck writing to the previous link
            }
            while (true) {
                byte[] pending;
                synchronized (lock) {
                    pending = backlog.drain();
                    if (pending.length == 0) {
                        current = link;
                        droppedAt = null;
                        connected = true;
                        ended = outputEnded;
                        break;
                    }
                }
                try {
                    link.setTcpNoDelay(true);
                    link.getOutputStream().write(pending);
                } catch (IOException gone) {
                    closeQuietly(link);
                    synchronized (lock) {
                        backlog.putBack(pending);
                    }
                    return;
                }
            }
        }
        if (ended) {
            finish(link);
            return;
        }
        copyClientToProgram(link, fromClient);
    }

    /**
     * Until the connection ends. After the end-of-input frame the program's input is closed and the link carries on
     * with the output; a connection that ends without it, however it ends, is a link that dropped.
     */
    private void copyClientToProgram(Socket link, InputStream fromClient) {
        boolean inputDone = false;
        try {
            while (true) {
                StdioLink.Frame frame = StdioLink.read(fromClient);
                if (frame.type() == StdioLink.DATA && !inputDone) {
                    relayed.addAndGet(frame.bytes().length);
                    toProgram(frame.bytes(), frame.bytes().length);
                } else if (frame.type() == StdioLink.END_OF_INPUT) {
                    inputDone = true;
                    endInput(link);
                } else {
                    throw new StdioLink.ProtocolException("unexpected frame " + (char) frame.type());
                }
            }
        } catch (EOFException ended) {
            if (!inputDone) {
                LOG.fine("client link ended without the end of input: dropped");
                dropped(link);
            }
        } catch (IOException dropped) {
            LOG.log(Level.FINE, "client link dropped", dropped);
            dropped(link);
        }
    }

    private void toProgram(byte[] buffer, int length) {
        synchronized (lock) {
            if (inputEnded) {
                return;
            }
        }
        try {
            OutputStream toProgram = process.getOutputStream();
            toProgram.write(buffer, 0, length);
            toProgram.flush();
        } catch (IOException programClosedItsInput) {
            LOG.log(Level.FINE, "the program closed its input", programClosedItsInput);
        }
    }

    /** The current client ended the input: so does the program's. A link taken over ends nothing. */
    private void endInput(Socket link) {
        synchronized (lock) {
            if (link != current || inputEnded) {
                return;
            }
            inputEnded = true;
        }
        closeQuietly(process.getOutputStream());
    }

    /** Until the program's output ends, which it does when the program exits; the program never waits for a client. */
    private void pumpOutput() {
        byte[] buffer = new byte[BUFFER];
        try (InputStream fromProgram = process.getInputStream()) {
            int read;
            while ((read = fromProgram.read(buffer)) != -1) {
                relayed.addAndGet(read);
                deliver(buffer, read);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "program output failed", e);
        }
        Socket link;
        synchronized (lock) {
            outputEnded = true;
            link = current;
        }
        if (link != null) {
            finish(link);
        }
    }

    /** To the linked client, else into the backlog; a link that fails on the way is dropped. */
    private void deliver(byte[] buffer, int length) {
        while (true) {
            Socket link;
            synchronized (lock) {
                link = current;
                if (link == null) {
                    backlog.add(buffer, length);
                    return;
                }
            }
            try {
                link.getOutputStream().write(buffer, 0, length);
                return;
            } catch (IOException gone) {
                dropped(link); // and try again: a new link may have taken over meanwhile
            }
        }
    }

    private void dropped(Socket link) {
        synchronized (lock) {
            if (link == current) {
                current = null;
                droppedAt = clock.instant();
            }
        }
        closeQuietly(link);
    }

    /** All output has been written: half-closes, lets the client finish for a while, then closes. */
    private void finish(Socket link) {
        try {
            link.shutdownOutput();
            CountDownLatch clientDone = new CountDownLatch(1);
            threads.execute(() -> {
                try {
                    link.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the client is gone
                }
                clientDone.countDown();
            });
            clientDone.await(LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            LOG.log(Level.FINE, "stdio link failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(link);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException alreadyClosed) {
            // nothing to undo
        }
    }

    /** Output kept for the next client: at most {@code capacity} bytes, the newest. */
    static final class Backlog {

        private final int capacity;
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private int size;
        private long dropped;

        Backlog(int capacity) {
            this.capacity = capacity;
        }

        void add(byte[] buffer, int length) {
            if (length > 0) {
                chunks.addLast(Arrays.copyOf(buffer, length));
                size += length;
                trim();
            }
        }

        /** Bytes drained but not delivered: they go back before everything kept since. */
        void putBack(byte[] oldest) {
            if (oldest.length > 0) {
                chunks.addFirst(oldest);
                size += oldest.length;
                trim();
            }
        }

        /** The kept bytes, oldest first; the backlog is empty afterwards. */
        byte[] drain() {
            byte[] kept = new byte[size];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, kept, at, chunk.length);
                at += chunk.length;
            }
            chunks.clear();
            size = 0;
            return kept;
        }

        /** How many bytes were dropped to stay within the capacity. */
        long dropped() {
            return dropped;
        }

        private void trim() {
            while (size > capacity) {
                byte[] oldest = chunks.removeFirst();
                int excess = size - capacity;
                if (oldest.length > excess) {
                    chunks.addFirst(Arrays.copyOfRange(oldest, excess, oldest.length));
                    size -= excess;
                    dropped += excess;
                } else {
                    size -= oldest.length;
                    dropped += oldest.length;
                }
            }
        }
    }
}
