package org.switchboard.client;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A way to a session's program. Each {@link #carry} is a connection of its own (a new relay WebSocket, or a new TCP
 * connection to the endpoint), so one link serves any number of local connections one after another or at once.
 */
public sealed interface Link permits RelayLink, DirectLink {

    /**
     * Connects to the program and carries bytes both ways: what {@code fromLocal} reads goes to the program until it
     * ends (then the program's side is closed for writing), what the program sends is written to {@code toLocal} and
     * flushed. Returns once the program's side has closed and everything it sent has been written.
     *
     * @throws SwitchboardException if the program cannot be reached or the link fails
     */
    void carry(InputStream fromLocal, OutputStream toLocal);
}
