package org.switchboard.client;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * Listens on a port of 127.0.0.1 and carries every connection accepted there over a {@link Link} of its own to the
 * program, so any native client (a browser, a VNC viewer, {@code curl}) can use a remote tcp application.
 */
public final class Forwarder implements AutoCloseable {

    private final ServerSocket listener;
    private final Link link;
    private final Consumer<String> problems;

    private Forwarder(ServerSocket listener, Link link, Consumer<String> problems) {
        this.listener = listener;
        this.link = link;
        this.problems = problems;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0: any free port); a connection whose link fails is closed and its problem told to
     * {@code problems}.
     */
    public static Forwarder listen(int port, Link link, Consumer<String> problems) {
        try {
            return new Forwarder(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), link, problems);
        } catch (BindException e) {
            throw new SwitchboardException(SwitchboardException.Kind.REFUSED, "port-in-use",
                    "cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new SwitchboardException(SwitchboardException.Kind.REFUSED, "port-unavailable",
                    "cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")");
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Accepts connections until {@link #close()}, each carried on a thread of its own. */
    public void serve() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                Thread carrier = new Thread(() -> carry(connection), "forward-" + connection.getPort());
                carrier.setDaemon(true);
                carrier.start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    problems.accept("could not accept a connection on 127.0.0.1:" + port() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Carries one connection; a problem is told before the connection closes. */
    private void carry(Socket connection) {
        try {
            connection.setTcpNoDelay(true);
            link.carry(connection.getInputStream(), connection.getOutputStream());
        } catch (SwitchboardException e) {
            problems.accept("connection from port " + connection.getPort() + ": " + e.getMessage());
        } catch (IOException e) {
            problems.accept("connection from port " + connection.getPort() + " failed: " + e.getMessage());
        } finally {
            try {
                connection.close();
            } catch (IOException e) {
                problems.accept("closing the connection from port " + connection.getPort() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            problems.accept("closing 127.0.0.1:" + port() + ": " + e.getMessage());
        }
    }
}
