package org.switchboard.client;

import java.util.List;

/**
 * An expected failure, with one sentence for people as its message: no slave reachable, a request refused (unknown
 * application, invalid ticket, unknown session), no capacity (with each server's reason), a redirect loop, a link
 * that failed.
 */
public class SwitchboardException extends RuntimeException {

    public enum Kind { UNREACHABLE, REFUSED, NO_CAPACITY, REDIRECT_LOOP, LINK_FAILED }

    private final Kind kind;
    private final String error;
    private final List<String> details;

    public SwitchboardException(Kind kind, String error, String message, List<String> details) {
        super(message);
        this.kind = kind;
        this.error = error;
        this.details = List.copyOf(details);
    }

    public SwitchboardException(Kind kind, String error, String message) {
        this(kind, error, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** The API's error code ({@code unknown-application}, {@code no-capacity}, ...), or this client's own. */
    public String error() {
        return error;
    }

    /** Lines that explain the message, such as why each server could not serve. */
    public List<String> details() {
        return details;
    }
}
