package org.switchboard.agent.control;

import java.util.regex.Pattern;

import org.switchboard.protocol.LaunchInstruction;

/**
 * A launch instruction whose ids are safe to use: they become file names, log entries and program arguments, so only
 * plain characters pass. Whether the application exists is the catalog's question.
 */
public record LaunchOrder(String session, String app, String client) {

    public static final Pattern SESSION = Pattern.compile("[A-Za-z0-9-]{1,64}");
    public static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public LaunchOrder {
        require("session", session, SESSION);
        require("client", client, CLIENT);
        if (app == null || app.isBlank()) {
            throw new LaunchException(LaunchProblem.INVALID_INSTRUCTION, "the application is missing");
        }
    }

    public static LaunchOrder of(LaunchInstruction instruction) {
        if (instruction == null) {
            throw new LaunchException(LaunchProblem.INVALID_INSTRUCTION, "a launch instruction is required");
        }
        return new LaunchOrder(instruction.session(), instruction.app(), instruction.client());
    }

    private static void require(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new LaunchException(LaunchProblem.INVALID_INSTRUCTION,
                    "the " + field + " id must match " + pattern.pattern());
        }
    }
}
