package org.switchboard.history.entity;

/** How a client request ended. */
public enum Outcome {
    /** A program was launched and a session opened. */
    PLACED,
    /** No processing server could serve it. */
    REJECTED,
    /** A server was chosen but its program could not be launched. */
    FAILED
}
