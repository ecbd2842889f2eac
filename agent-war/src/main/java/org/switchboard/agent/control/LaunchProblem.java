package org.switchboard.agent.control;

/**
 * Why a program was not launched; {@link #code()} is what the agent's JSON errors call it. {@link #TOO_MANY_INSTANCES}
 * and {@link #AGENT_STOPPING} are refusals of a healthy server (another server may take the launch); the others say
 * the program or the instruction failed.
 */
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
    /**
     * The program was not ready by the launch's deadline, when the master stops waiting for it; it was stopped with
     * all its processes (or never started, when the deadline had passed before the launch's turn came).
     */
    LAUNCH_DEADLINE_PASSED("launch-deadline-passed"),
    /** The application already runs as often as its {@code maxInstances} allows; worth trying another server. */
    TOO_MANY_INSTANCES("too-many-instances"),
    /** The session was stopped while its program was starting; the program was stopped as soon as it started. */
    STOPPED_WHILE_STARTING("stopped-while-starting"),
    /** The agent is going down and launches nothing more; worth trying another server. */
    AGENT_STOPPING("agent-stopping");

    private final String code;

    LaunchProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
