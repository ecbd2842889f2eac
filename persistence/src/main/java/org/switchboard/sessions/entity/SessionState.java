package org.switchboard.sessions.entity;

/** Whether a session's program is running. */
public enum SessionState {
    RUNNING,
    ENDED
}
