package org.switchboard.selection;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the slave that should link a client to its server (patent Fig. 7-8): among slaves that are up and have room,
 * the one nearest the client, then nearest the server, then the slave the client already asked (a redirect costs the
 * client a round trip, so it must buy proximity), then the least loaded. Stateless and thread-safe.
 */
public final class NearestSlave {

    public Optional<SlaveView> choose(List<SlaveView> slaves, String requesting, Location client, Location server) {
        Comparator<SlaveView> bestFirst = Comparator
                .comparingInt((SlaveView slave) -> slave.location().proximity(client)).reversed()
                .thenComparing(Comparator.comparingInt((SlaveView slave) -> slave.location().proximity(server))
                        .reversed())
                .thenComparing(slave -> !slave.name().equals(requesting))
                .thenComparingDouble(SlaveView::utilisation)
                .thenComparing(SlaveView::name);
        return slaves.stream().filter(SlaveView::up).filter(SlaveView::hasRoom).min(bestFirst);
    }
}
