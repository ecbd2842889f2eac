package org.switchboard.agent.entity;

/**
 * Why a program ended. The master's exit report carries only the exit code, so the agent logs the reason; the first
 * reason given wins (a program stopped for its lifetime is not later "stopped by the master").
 */
public enum EndReason {

    EXITED("ended on its own"),
    STOPPED("stopped on the master's order"),
    NO_CLIENT("stopped: no client connected within the connect timeout"),
    LIFETIME_EXCEEDED("stopped: it exceeded the application's maxLifetimeSeconds"),
    LAUNCH_FAILED("stopped: its launch failed"),
    AGENT_STOPPING("stopped: the agent is going down");

    private final String description;

    EndReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
