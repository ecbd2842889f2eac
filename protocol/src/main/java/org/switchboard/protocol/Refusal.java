package org.switchboard.protocol;

import java.util.List;

/**
 * The master (or a slave) refusing a request, with the HTTP status it maps to and the JSON error body clients see.
 * The master's own refusals are subclasses; a remote slave rebuilds them from the master's error answers, so both
 * paths answer the client alike.
 */
public class Refusal extends RuntimeException {

    private final int status;
    private final transient ErrorBody body;

    public Refusal(int status, ErrorBody body) {
        super(body.reason());
        this.status = status;
        this.body = body;
    }

    public Refusal(int status, String error, String reason) {
        this(status, ErrorBody.of(error, reason));
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return body;
    }

    /** Why each server could not serve, when that is the reason. */
    public List<ErrorBody.ServerReason> servers() {
        return body.servers() == null ? List.of() : body.servers();
    }
}
