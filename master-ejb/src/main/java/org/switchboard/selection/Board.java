package org.switchboard.selection;

import java.util.List;
import java.util.Set;

/** An immutable snapshot of the processing servers, the input of one decision. */
public record Board(List<ServerView> servers) {

    public Board {
        servers = List.copyOf(servers);
    }

    /** This board without the named servers, for choosing again after a server failed to launch. */
    public Board without(Set<String> names) {
        return names.isEmpty() ? this
                : new Board(servers.stream().filter(server -> !names.contains(server.name())).toList());
    }
}
