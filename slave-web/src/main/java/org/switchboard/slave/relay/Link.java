package org.switchboard.slave.relay;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.RelayTarget;
import org.switchboard.protocol.StdioLink;

/**
 * One relayed link: a client WebSocket and a TCP connection to the program. Program bytes are sent on as binary
 * frames by a thread of its own, synchronously, so when the program closes its side every byte has been sent before
 * the WebSocket is closed. Client frames are written to the program synchronously, so when the client closes, all its
 * bytes have reached the program; the relay then ends the program's input and lets it finish. A client whose link
 * drops without a clean close leaves its program running: the relay resets its connection instead. Every byte
 * relayed either way is counted for the slave's load reports.
 * <p>
 * A stdio program's endpoint is its agent's bridge, spoken to with {@link StdioLink}: the session's link proof first,
 * client bytes as data frames, the end of input as a frame of its own. A tcp program gets the bytes as they are, and
 * the end of input as TCP's half-close.
 */
final class Link {

    private static final Logger LOG = Logger.getLogger(Link.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_BYTES = 64 * 1024;
    /** How long a program may keep its side open after the client left before the relay closes it. */
    private static final long LINGER_MILLIS = 10_000;
    private static final int POLL_MILLIS = 1_000;

    private final Session client;
    private final Socket program;
    private final OutputStream toProgram;
    /** Whether the program is a stdio program behind its agent's bridge, which takes {@link StdioLink} frames. */
    private final boolean bridged;
    private final LongConsumer relayed;
    private volatile long clientClosedAt;

    private Link(Session client, Socket program, boolean bridged, LongConsumer relayed) throws IOException {
        this.client = client;
        this.program = program;
        this.toProgram = program.getOutputStream();
        this.bridged = bridged;
        this.relayed = relayed;
    }

    /**
     * Connects to the program, with the session's link proof when it is a stdio program; {@code relayed} hears of
     * every byte relayed, either way.
     */
    static Link open(Session client, RelayTarget target, StdioLink stdioLink, ThreadFactory threads,
                     LongConsumer relayed) throws IOException {
        return over(client, connect(target, stdioLink), target, threads, relayed);
    }

    /**
     * Links the client over {@code program}, a connection to its program opened before by {@link #connect} (one
     * prepared before the client arrived: {@link PreparedLinks}).
     */
    static Link over(Session client, Socket program, RelayTarget target, ThreadFactory threads, LongConsumer relayed)
            throws IOException {
        Link link = new Link(client, program, target.bridged(), relayed);
        threads.newThread(link::programToClient).start();
        return link;
    }

    /** A connection to the program, introduced with the session's link proof when it is a stdio program. */
    static Socket connect(RelayTarget target, StdioLink stdioLink) throws IOException {
        Endpoint endpoint = target.endpoint();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(POLL_MILLIS);
            if (target.bridged()) {
                StdioLink.hello(socket.getOutputStream(), stdioLink.proof(target.session()));
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    void toProgram(ByteBuffer bytes) throws IOException {
        relayed.accept(bytes.remaining());
        byte[] array;
        int offset;
        int length = bytes.remaining();
        if (bytes.hasArray()) {
            array = bytes.array();
            offset = bytes.arrayOffset() + bytes.position();
        } else {
            array = new byte[length];
            offset = 0;
            bytes.get(array);
        }
        if (bridged) {
            StdioLink.data(toProgram, array, offset, length);
        } else {
            toProgram.write(array, offset, length);
            toProgram.flush();
        }
    }

    /**
     * The client closed its side cleanly: the program gets the end of its input (the end-of-input frame for a stdio
     * program, then a TCP half-close) and may still finish what it sends back.
     */
    void clientClosed() {
        if (clientClosedAt != 0) {
            return;
        }
        clientClosedAt = System.currentTimeMillis();
        try {
            if (bridged) {
                StdioLink.endOfInput(toProgram);
            }
            program.shutdownOutput();
        } catch (IOException e) {
            LOG.log(Level.FINE, "program side already closed", e);
        }
    }

    /**
     * The client's link dropped (no clean close: a network failure, a page unloaded, a client killed): the connection
     * to the program is reset rather than half-closed, so the program's input stays open and its agent keeps it for
     * the client to attach again.
     */
    void clientDropped() {
        if (clientClosedAt != 0) {
            return;
        }
        clientClosedAt = System.currentTimeMillis();
        try {
            program.setSoLinger(true, 0);
            program.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "program side already closed", e);
        }
    }

    private void programToClient() {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (program; InputStream fromProgram = program.getInputStream()) {
            while (true) {
                int read;
                try {
                    read = fromProgram.read(buffer);
                } catch (SocketTimeoutException idle) {
                    if (clientClosedAt != 0 && System.currentTimeMillis() - clientClosedAt > LINGER_MILLIS) {
                        return;
                    }
                    continue;
                }
                if (read < 0) {
                    break;
                }
                if (clientClosedAt == 0) {
                    relayed.accept(read);
                    client.getBasicRemote().sendBinary(ByteBuffer.wrap(buffer, 0, read));
                }
            }
            if (client.isOpen()) {
                client.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "program closed its side"));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "relay to client ended", e);
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (client.isOpen()) {
                client.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "program link failed"));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client already gone", e);
        }
    }
}
