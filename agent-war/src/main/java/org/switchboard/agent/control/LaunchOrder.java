package org.switchboard.agent.control;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.switchboard.protocol.LaunchInstruction;

/**
 * A launch instruction whose ids are safe to use: they become file names, log entries and program arguments, so only
 * plain characters pass. Whether the application exists is the catalog's question.
 *
 * @param deadline when nobody waits for the program any more: a program not ready by then is stopped; {@code null}
 *                 for none (pool programs, which wait for a session anyway)
 */
public record LaunchOrder(String session, String app, String client, Instant deadline) {

    public static final Pattern SESSION = Pattern.compile("[A-Za-z0-9-]{1,64}");
    public static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public LaunchOrder {
        require("session", session, SESSION);
        require("client", client, CLIENT);
        if (app == null || app.isBlank()) {
            throw new LaunchException(LaunchProblem.INVALID_INSTRUCTION, "the application is missing");
        }
    }

    /** An order without a deadline. */
    public LaunchOrder(String session, String app, String client) {
        this(session, app, client, null);
    }

    /**
     * The instruction as received at {@code receivedAt}; its deadline is its {@code timeoutMs} from then, or
     * {@code defaultTimeout} when it has none.
     */
    public static LaunchOrder of(LaunchInstruction instruction, Instant receivedAt, Duration defaultTimeout) {
        if (instruction == null) {
            throw new LaunchException(LaunchProblem.INVALID_INSTRUCTION, "a launch instruction is required");
        }
        if (instruction.timeoutMs() != null && instruction.timeoutMs() <= 0) {
            throw new LaunchException(LaunchProblem.INVALID_INSTRUCTION,
                    "the timeoutMs must be positive, not " + instruction.timeoutMs());
        }
        Duration timeout = instruction.timeoutMs() == null ? defaultTimeout : Duration.ofMillis(instruction.timeoutMs());
        return new LaunchOrder(instruction.session(), instruction.app(), instruction.client(),
                receivedAt.plus(timeout));
    }

    /** Whether nobody waits for this launch any more at {@code now}. */
    public boolean deadlinePassed(Instant now) {
        return deadline != null && now.isAfter(deadline);
    }

    /** The launch's refusal once its deadline has passed; {@code what} says what happened to the program. */
    public LaunchException deadlinePassed(String what) {
        return new LaunchException(LaunchProblem.LAUNCH_DEADLINE_PASSED, "the launch of '" + app + "' for session "
                + session + " passed its deadline " + deadline + ": " + what);
    }

    private static void require(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new LaunchException(LaunchProblem.INVALID_INSTRUCTION,
                    "the " + field + " id must match " + pattern.pattern());
        }
    }
}
