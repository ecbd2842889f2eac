package org.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Direct links and forwarding against a real echo program on 127.0.0.1 (the relay is tested end to end). */
class ForwarderTest {

    private final ServerSocket echo = echoServer();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    private Link directToEcho() {
        return Switchboard.direct(new Session("s", "echo", "me", null, null, 1,
                new Session.Endpoint("127.0.0.1", echo.getLocalPort()), "direct", null, "running", null));
    }

    @Test
    void aDirectLinkCarriesEverythingAndEndsWhenTheProgramClosesItsSide() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        directToEcho().carry(new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)), received);

        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }

    @Test
    void everyForwardedConnectionGetsALinkOfItsOwn() throws IOException {
        try (Forwarder forwarder = Forwarder.listen(0, directToEcho(), problems::add)) {
            Thread serving = new Thread(forwarder::serve);
            serving.start();
            for (String line : List.of("first connection\n", "second connection\n")) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
                    client.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
                    client.shutdownOutput();
                    assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo(line);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aProgramThatCannotBeReachedIsToldAndTheConnectionClosed() throws IOException {
        Link nowhere = Switchboard.direct(new Session("s", "echo", "me", null, null, 1,
                new Session.Endpoint("127.0.0.1", closedPort()), "direct", null, "running", null));
        try (Forwarder forwarder = Forwarder.listen(0, nowhere, problems::add)) {
            new Thread(forwarder::serve).start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
        }
        assertThat(problems).singleElement().asString().contains("cannot be reached");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Echoes each connection until the client half-closes, then closes. */
    private static ServerSocket echoServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket connection = server.accept();
                        new Thread(() -> {
                            try (connection; InputStream in = connection.getInputStream();
                                 OutputStream out = connection.getOutputStream()) {
                                in.transferTo(out);
                            } catch (IOException e) {
                                // the client went away
                            }
                        }).start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
