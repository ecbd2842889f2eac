package org.switchboard.agent.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.switchboard.agent.entity.ClientLink;

/**
 * Links a stdio program to its client: the client connects to the agent's listening socket, its bytes go to the
 * program's standard input and the program's output (standard error merged in) goes back.
 * <p>
 * A program has one client link, the first connection; the listening socket closes once it is accepted. When the
 * client closes its side, the program's standard input closes (end of input). When the program's output ends, all of
 * it has been written to the client before the agent closes its side of the connection.
 */
public final class StdioBridge implements ClientLink {

    private static final Logger LOG = Logger.getLogger(StdioBridge.class.getName());
    /** How long the agent keeps reading the client after the program's output has ended, before closing the link. */
    static final Duration LINGER = Duration.ofSeconds(10);
    private static final int BUFFER = 64 * 1024;

    private final ServerSocket listener;
    private final Process process;
    private final ThreadFactory threads;
    private final byte[] earlyOutput;
    private volatile boolean connected;
    private final AtomicLong relayed = new AtomicLong();

    /**
     * @param earlyOutput what the agent already read of the program's output while waiting for its ready line; the
     *                    client gets it first
     */
    public StdioBridge(ServerSocket listener, Process process, ThreadFactory threads, byte[] earlyOutput) {
        this.listener = listener;
        this.process = process;
        this.threads = threads;
        this.earlyOutput = earlyOutput.clone();
    }

    public StdioBridge(ServerSocket listener, Process process, ThreadFactory threads) {
        this(listener, process, threads, new byte[0]);
    }

    /** Waits for the client in the background. */
    public void start() {
        threads.newThread(this::serve).start();
    }

    /** The agent sees the client's connection itself: true from the moment it is accepted. */
    @Override
    public boolean clientConnected() {
        return connected;
    }

    @Override
    public OptionalLong relayedBytes() {
        return OptionalLong.of(relayed.get());
    }

    /** Stops waiting for a client; a link already made goes on until the program's output ends. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException alreadyClosed) {
            // a listening socket that fails to close is closed already
        }
    }

    private void serve() {
        Socket link;
        try (listener) {
            link = listener.accept();
            connected = true;
        } catch (IOException closedBeforeAnyClient) {
            return;
        }
        try (link) {
            link.setTcpNoDelay(true);
            CountDownLatch clientDone = new CountDownLatch(1);
            threads.newThread(() -> {
                copyClientToProgram(link);
                clientDone.countDown();
            }).start();
            copyProgramToClient(link);
            clientDone.await(LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            LOG.log(Level.FINE, "stdio link failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until the client closes its side; then the program's input ends too. */
    private void copyClientToProgram(Socket link) {
        boolean programListens = true;
        try (OutputStream toProgram = process.getOutputStream()) {
            InputStream fromClient = link.getInputStream();
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = fromClient.read(buffer)) != -1) {
                relayed.addAndGet(read);
                if (programListens) {
                    try {
                        toProgram.write(buffer, 0, read);
                        toProgram.flush();
                    } catch (IOException programClosedItsInput) {
                        programListens = false;
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client link or program input closed", e);
        }
    }

    /** Until the program's output ends, which it does when the program exits; every byte read goes to the client. */
    private void copyProgramToClient(Socket link) throws IOException {
        boolean clientListens = true;
        OutputStream toClient = link.getOutputStream();
        try {
            toClient.write(earlyOutput);
        } catch (IOException clientGone) {
            clientListens = false;
        }
        try (InputStream fromProgram = process.getInputStream()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = fromProgram.read(buffer)) != -1) {
                relayed.addAndGet(read);
                if (clientListens) {
                    try {
                        toClient.write(buffer, 0, read);
                    } catch (IOException clientGone) {
                        clientListens = false; // keep reading so the program never blocks on a full pipe
                    }
                }
            }
        }
        if (clientListens) {
            link.shutdownOutput();
        }
    }
}
