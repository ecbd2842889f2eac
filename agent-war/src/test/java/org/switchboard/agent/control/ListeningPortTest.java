package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningPortTest {

    /** The kernel's format: a header, then local and remote address as hex ip:port, then the state (0A listen). */
    private static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0
               1: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0
            """;

    @TempDir
    Path tables;

    @Test
    void aClientIsConnectedWhileASocketOnTheProgramsPortIsEstablished() throws IOException {
        Files.writeString(tables.resolve("tcp"), TABLE + "   2: 0100007F:1F90 0100007F:D431 01 00000000:00000000 "
                + "00:00000000 00000000     0        0 3 1 0\n");

        assertThat(new ListeningPort(8080, List.of(tables.resolve("tcp"))).clientConnected()).isTrue();
    }

    @Test
    void theListeningSocketAndTheClientsOwnSideDoNotCount() throws IOException {
        Files.writeString(tables.resolve("tcp"), TABLE);

        assertThat(new ListeningPort(8080, List.of(tables.resolve("tcp"), tables.resolve("missing")))
                .clientConnected()).isFalse();
    }

    @Test
    void seesARealConnectionOnLoopback() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ListeningPort port = new ListeningPort(server.getLocalPort());
            assertThat(port.clientConnected()).isFalse();

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 Socket accepted = server.accept()) {
                Await.until("the connection in the kernel's table", Duration.ofSeconds(20), port::clientConnected);
            }
        }
    }
}
