package org.switchboard.selection;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An immutable snapshot of the processing servers, the input of one decision.
 *
 * @param takenAt when the snapshot was taken, which is when the decision is made; slow start needs it to know how long
 *                each server has been in the fleet. Null when the caller does not say, and then slow start does not
 *                apply.
 */
public record Board(List<ServerView> servers, Instant takenAt) {

    public Board {
        servers = List.copyOf(servers);
    }

    /** A snapshot without a time: every server counts as established. */
    public Board(List<ServerView> servers) {
        this(servers, null);
    }

    /** This board as of {@code now}. */
    public Board at(Instant now) {
        return new Board(servers, now);
    }

    /** This board without the named servers, for choosing again after a server failed to launch. */
    public Board without(Set<String> names) {
        return names.isEmpty() ? this
                : new Board(servers.stream().filter(server -> !names.contains(server.name())).toList(), takenAt);
    }
}
