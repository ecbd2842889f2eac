package org.switchboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A link straight to the program's endpoint over TCP: the end of local input half-closes the connection, and the
 * link ends when the program closes its side.
 */
final class DirectLink implements Link {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Session.Endpoint endpoint;

    DirectLink(Session.Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void carry(InputStream fromLocal, OutputStream toLocal) {
        try (Socket program = new Socket()) {
            try {
                program.setTcpNoDelay(true);
                program.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                throw new SwitchboardException(SwitchboardException.Kind.UNREACHABLE, "unreachable",
                        "the program's endpoint " + endpoint + " cannot be reached (" + e.getMessage() + ")");
            }
            Thread sender = new Thread(() -> send(fromLocal, program), "direct-sender");
            sender.setDaemon(true);
            sender.start();
            copy(program.getInputStream(), toLocal);
        } catch (IOException e) {
            throw new SwitchboardException(SwitchboardException.Kind.LINK_FAILED, "link-failed",
                    "the direct link to " + endpoint + " failed: " + e.getMessage());
        }
    }

    private static void send(InputStream fromLocal, Socket program) {
        try {
            fromLocal.transferTo(program.getOutputStream());
            program.shutdownOutput();
        } catch (IOException e) {
            // the program closed the connection first: the receiving side ends the link
        }
    }

    private static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        int read;
        while ((read = from.read(buffer)) >= 0) {
            to.write(buffer, 0, read);
            to.flush();
        }
    }
}
