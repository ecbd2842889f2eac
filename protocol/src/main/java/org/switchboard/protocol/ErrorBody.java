package org.switchboard.protocol;

import java.util.List;

/**
 * The JSON body of every error answer: a stable code, a sentence for people, for a {@code 503} why each server could
 * not serve, and for a master of a group that does not decide ({@value #NOT_DECIDING}) the master that does, if known.
 */
public record ErrorBody(String error, String reason, List<ServerReason> servers, String decider) {

    /** The error of a master of a group that does not decide now: slaves ask another master of the group. */
    public static final String NOT_DECIDING = "not-deciding";

    /** An error without per-server reasons. (A factory, not a second constructor: JSON-B binds records by their one.) */
    public static ErrorBody of(String error, String reason) {
        return new ErrorBody(error, reason, null, null);
    }

    public static ErrorBody withServers(String error, String reason, List<ServerReason> servers) {
        return new ErrorBody(error, reason, servers, null);
    }

    /** A master of a group that does not decide now; {@code decider} is the base URL of the one that does, or null. */
    public static ErrorBody notDeciding(String reason, String decider) {
        return new ErrorBody(NOT_DECIDING, reason, null, decider);
    }

    public record ServerReason(String server, String reason) {
    }
}
