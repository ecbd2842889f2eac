package org.switchboard.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a slave's relay speaks to the agent's bridge of a stdio program. A TCP connection carries, from the relay to
 * the bridge, frames of one type byte, a four-byte big-endian length and that many bytes:
 * <ul>
 * <li>{@link #HELLO} first, with the session's <em>link proof</em>: the HMAC-SHA256 of the session id under a key
 * derived from the shared secret. Only the master's fleet (agents, slaves, master) can compute it, and it opens the
 * link to that one session's program; the bridge takes no other frame before it.</li>
 * <li>{@link #DATA}: bytes for the program's standard input.</li>
 * <li>{@link #END_OF_INPUT} (length 0): the program's standard input ends, as Ctrl-D on a terminal.</li>
 * </ul>
 * From the bridge to the relay flows the program's output as it is; the bridge closes its side once it has ended.
 * A connection that ends without {@link #END_OF_INPUT} (a close, a reset, a slave that died, whose kernel closes its
 * connections like any other) is a link that <em>dropped</em>: the program keeps its input open for the client to
 * attach again. That is why the end of input is a frame of its own rather than TCP's half-close.
 */
public final class StdioLink {

    public static final byte HELLO = 'H';
    public static final byte DATA = 'D';
    public static final byte END_OF_INPUT = 'E';
    /** The largest frame either side accepts; a relay's client frames are no larger. */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    private static final String PURPOSE = "stdio-link";
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;

    public StdioLink(SharedSecret secret) {
        this.key = new SecretKeySpec(secret.derive(PURPOSE), MAC);
    }

    /** The link proof for {@code session}: what a relay sends in its {@link #HELLO}. */
    public byte[] proof(String session) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(session.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** Whether {@code presented} is the link proof for {@code session}; compares in constant time. */
    public boolean admits(String session, byte[] presented) {
        return session != null && presented != null && MessageDigest.isEqual(proof(session), presented);
    }

    /** Writes one frame and flushes it. */
    public static void write(OutputStream out, byte type, byte[] bytes, int offset, int length) throws IOException {
        if (length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("a frame carries at most " + MAX_FRAME_BYTES + " bytes, not " + length);
        }
        byte[] header = {type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        byte[] frame = new byte[header.length + length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(bytes, offset, frame, header.length, length);
        out.write(frame);
        out.flush();
    }

    public static void hello(OutputStream out, byte[] proof) throws IOException {
        write(out, HELLO, proof, 0, proof.length);
    }

    public static void data(OutputStream out, byte[] bytes, int offset, int length) throws IOException {
        write(out, DATA, bytes, offset, length);
    }

    public static void endOfInput(OutputStream out) throws IOException {
        write(out, END_OF_INPUT, new byte[0], 0, 0);
    }

    /**
     * The next frame.
     *
     * @throws EOFException      when the connection ends, between frames or within one
     * @throws ProtocolException when the bytes are no frame of this protocol
     */
    public static Frame read(InputStream in) throws IOException {
        DataInputStream data = in instanceof DataInputStream stream ? stream : new DataInputStream(in);
        byte type = data.readByte();
        if (type != HELLO && type != DATA && type != END_OF_INPUT) {
            throw new ProtocolException("not a frame of the stdio link (type " + (type & 0xff) + ")");
        }
        int length = data.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES || type == END_OF_INPUT && length != 0) {
            throw new ProtocolException("a frame of type " + (char) type + " cannot carry " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        data.readFully(bytes);
        return new Frame(type, bytes);
    }

    /** One frame as read: its type and its bytes. */
    public record Frame(byte type, byte[] bytes) {
    }

    /** Bytes that are no frame of this protocol: the connection is not a relay's. */
    public static final class ProtocolException extends IOException {

        public ProtocolException(String message) {
            super(message);
        }
    }
}
