package org.switchboard.agent.entity;

/**
 * Why a program ended; the first reason given wins (a program stopped for its lifetime is not later "stopped by the
 * master"). The agent logs the description and reports the {@link #code()} to the master with the exit.
 */
public enum EndReason {

    EXITED("exited", "ended on its own"),
    STOPPED("stopped", "stopped on the master's order"),
    NO_CLIENT("no-client", "stopped: no client connected within the connect timeout"),
    IDLE("idle", "stopped: no traffic and (almost) no CPU for the idle timeout"),
    CLIENT_GONE("client-gone", "stopped: its client left and did not come back within the reconnect grace"),
    LIFETIME_EXCEEDED("lifetime-exceeded", "stopped: it exceeded the application's maxLifetimeSeconds"),
    LAUNCH_FAILED("launch-failed", "stopped: its launch failed"),
    LAUNCH_DEADLINE_PASSED("launch-deadline-passed", "stopped: not ready before the launch's deadline"),
    AGENT_STOPPING("agent-stopping", "stopped: the agent is going down"),
    LEFT_BY_DEAD_AGENT("left-by-dead-agent", "stopped: a previous run of the agent died and left it behind");

    private final String code;
    private final String description;

    EndReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** How the agent's exit reports name it. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
