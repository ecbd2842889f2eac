package org.switchboard.agent.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a client reaches a program. */
public enum Kind {

    /** The program listens on the TCP port the agent gives it ({@code {port}}); it is ready once that port accepts. */
    TCP,

    /** The program talks on its standard input and output; the agent listens for the client and bridges the bytes. */
    STDIO,

    /**
     * An X program on a virtual display of its own, shown by a VNC server on the port the agent gives it: the client
     * speaks RFB. Ready once the VNC server accepts a connection.
     */
    DESKTOP;

    /** The name used in catalog files: {@code tcp}, {@code stdio}, {@code desktop}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Kind> of(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label().equals(label)).findFirst();
    }
}
