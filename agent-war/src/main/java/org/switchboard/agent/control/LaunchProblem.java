package org.switchboard.agent.control;

/** Why a program was not launched; {@link #code()} is what the agent's JSON errors call it. */
public enum LaunchProblem {

    /** The instruction itself is malformed (a session or client id with forbidden characters, a missing field). */
    INVALID_INSTRUCTION("invalid-instruction"),
    /** The application is not in this agent's catalog. */
    UNKNOWN_APPLICATION("unknown-application"),
    /** A program already runs for this session. */
    DUPLICATE_SESSION("duplicate-session"),
    /** The operating system could not start the program. */
    START_FAILED("start-failed"),
    /** The program ended before it was ready. */
    EXITED_BEFORE_READY("exited-before-ready"),
    /** The program did not get ready in time and was stopped. */
    NOT_READY("not-ready"),
    /** The application already runs as often as its {@code maxInstances} allows; worth trying another server. */
    TOO_MANY_INSTANCES("too-many-instances");

    private final String code;

    LaunchProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
