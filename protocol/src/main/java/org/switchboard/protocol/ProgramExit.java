package org.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * An agent telling the master that the program of {@code session} has ended, with its exit code when known, and why
 * it ended when the agent knows: {@code exited} (on its own), {@code stopped} (the master's order), {@code no-client},
 * {@code idle}, {@code client-gone}, {@code lifetime-exceeded}, {@code agent-stopping}, {@code left-by-dead-agent} (told
 * by the agent's next run, which ended it); {@code null} from agents that predate the field. The annotation only tells JSON-B which constructor reads the JSON.
 */
public record ProgramExit(String session, Integer exitCode, String reason) {

    @JsonbCreator
    public ProgramExit {
    }

    /** An exit whose reason is not known. */
    public ProgramExit(String session, Integer exitCode) {
        this(session, exitCode, null);
    }

    /**
     * Why the session ended, as operators read it: {@code program exited with code 0} for a program that ended on its
     * own (or an agent that does not say why), else the agent's reason first, e.g. {@code idle: program ended with code
     * 143}; without the code when it is not known.
     */
    public String endReason() {
        String code = exitCode == null ? "" : " with code " + exitCode;
        return reason == null || reason.equals("exited") ? "program exited" + code : reason + ": program ended" + code;
    }
}
