package org.switchboard.history.entity;

/** How a client request ended. */
public enum Outcome {
    /** A program was launched and a session opened. */
    PLACED,
    /** Another slave should serve it: the client was sent there with a ticket. */
    REDIRECTED,
    /** No processing server (or no slave) could serve it. */
    REJECTED,
    /** A server was chosen but its program could not be launched. */
    FAILED
}
