package org.switchboard.agent.control;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.StdioLink;

/**
 * A test's end of a link to a stdio program's bridge, speaking {@link StdioLink} as a slave's relay does: it presents
 * the session's link proof first, what is written to it goes out as data frames, and {@link #shutdownOutput()} sends
 * the end of input before the TCP half-close. Closing it without that is a link that drops.
 */
public final class RelaySide extends Socket {

    /** The shared secret of the agents these tests start in process. */
    public static final SharedSecret SECRET = new SharedSecret("agent-test-secret-" + "0123456789abcdef");
    public static final StdioLink LINK = new StdioLink(SECRET);

    private final OutputStream frames = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int at = 0; at < length; at += StdioLink.MAX_FRAME_BYTES) {
                StdioLink.data(raw(), bytes, offset + at, Math.min(StdioLink.MAX_FRAME_BYTES, length - at));
            }
        }
    };

    private RelaySide() {
    }

    /** Connects with the proof for {@code session} under {@link #SECRET}. */
    public static RelaySide connect(Endpoint endpoint, String session, Duration timeout) throws IOException {
        return connect(endpoint, LINK.proof(session), timeout);
    }

    /** Connects and presents {@code proof}, right or wrong. */
    public static RelaySide connect(Endpoint endpoint, byte[] proof, Duration timeout) throws IOException {
        RelaySide side = new RelaySide();
        side.connect(new InetSocketAddress(endpoint.host(), endpoint.port()));
        side.setSoTimeout((int) timeout.toMillis());
        StdioLink.hello(side.raw(), proof);
        return side;
    }

    @Override
    public OutputStream getOutputStream() {
        return frames;
    }

    /** The end of the program's input, then the TCP half-close. */
    @Override
    public void shutdownOutput() throws IOException {
        StdioLink.endOfInput(raw());
        super.shutdownOutput();
    }

    private OutputStream raw() throws IOException {
        return super.getOutputStream();
    }
}
