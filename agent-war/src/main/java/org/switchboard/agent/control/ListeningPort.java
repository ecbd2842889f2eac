package org.switchboard.agent.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.switchboard.agent.entity.ClientLink;

/**
 * The port a tcp program listens on, watched for clients. The agent is not in the path of a tcp program's connections,
 * so it looks at the kernel's table of TCP sockets ({@code /proc/net/tcp} and {@code tcp6}, Linux): a client is
 * connected while a socket on the program's port is ESTABLISHED. The readiness probe does not count: it is closed
 * before the launch is answered, and its socket on the program's side is no longer ESTABLISHED then. A client that
 * connects and leaves between two looks is missed; the connect timeout is long compared to the time between looks.
 */
public final class ListeningPort implements ClientLink {

    static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String ESTABLISHED = "01";

    private final int port;
    private final List<Path> tables;

    ListeningPort(int port, List<Path> tables) {
        this.port = port;
        this.tables = tables;
    }

    public ListeningPort(int port) {
        this(port, TABLES);
    }

    @Override
    public boolean clientConnected() {
        String localPort = ":" + String.format(Locale.ROOT, "%04X", port);
        return tables.stream().filter(Files::isReadable).flatMap(ListeningPort::lines)
                .map(line -> line.trim().split("\\s+"))
                .anyMatch(fields -> fields.length > 3 && fields[1].endsWith(localPort)
                        && fields[3].equals(ESTABLISHED));
    }

    /** The table's rows, without its header line. */
    private static Stream<String> lines(Path table) {
        try {
            List<String> lines = Files.readAllLines(table);
            return lines.stream().skip(1);
        } catch (IOException unreadable) {
            return Stream.empty();
        }
    }

    @Override
    public void close() {
        // the program owns the port
    }
}
