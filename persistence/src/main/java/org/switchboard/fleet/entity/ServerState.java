package org.switchboard.fleet.entity;

/** Whether a processing server takes part in selection. */
public enum ServerState {
    /** Registered and reporting: selectable. */
    UP,
    /** Its reports stopped arriving: out of selection until it reports again. */
    DOWN,
    /** Taken out of selection by an operator; running sessions continue. */
    DRAINED
}
