package org.switchboard.protocol;

import java.time.Duration;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * The master's order to a processing server's agent: launch catalog application {@code app} for session
 * {@code session} of client {@code client}, and answer once it is ready.
 * <p>
 * {@code timeoutMs} is the launch's deadline, counted from when the agent receives the order: how long the master
 * still waits for the answer. A program not ready by then is stopped and the launch refused
 * ({@code launch-deadline-passed}), since nobody would take the program any more. It is relative rather than a point
 * in time so that the master's and the agent's clocks need not agree. Absent ({@code null}, as from masters that
 * predate it): the agent's own default. The annotation only tells JSON-B which constructor reads the JSON; without
 * JSON-B on the class path the record is plain Java.
 */
public record LaunchInstruction(String session, String app, String client, Long timeoutMs) {

    @JsonbCreator
    public LaunchInstruction {
    }

    /** An instruction without a deadline of its own: the agent applies its default. */
    public LaunchInstruction(String session, String app, String client) {
        this(session, app, client, null);
    }

    /** The same instruction with the deadline {@code timeout} after the agent receives it. */
    public LaunchInstruction withTimeout(Duration timeout) {
        return new LaunchInstruction(session, app, client, timeout.toMillis());
    }
}
