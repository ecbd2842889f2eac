package org.switchboard.protocol;

import java.util.List;

/**
 * The JSON body of every error answer: a stable code, a sentence for people, and for a {@code 503} why each server
 * could not serve.
 */
public record ErrorBody(String error, String reason, List<ServerReason> servers) {

    /** An error without per-server reasons. (A factory, not a second constructor: JSON-B binds records by their one.) */
    public static ErrorBody of(String error, String reason) {
        return new ErrorBody(error, reason, null);
    }

    public record ServerReason(String server, String reason) {
    }
}
