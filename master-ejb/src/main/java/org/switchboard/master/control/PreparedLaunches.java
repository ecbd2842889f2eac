package org.switchboard.master.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Launches the master started when it redirected a client (patent Fig. 7, arrow 653), keyed by the redirect's ticket,
 * until the client arrives with that ticket or the ticket expires. A launch is taken once: a replayed ticket finds
 * nothing. All tickets live equally long, so the expired ones are at the head and are dropped without a scan.
 *
 * @param <L> what the master keeps of a launch
 */
public final class PreparedLaunches<L> {

    private record Entry<L>(L launch, Instant expires) {
    }

    private final Map<String, Entry<L>> byTicket = new LinkedHashMap<>();

    public synchronized void add(String ticket, L launch, Instant expires) {
        byTicket.put(ticket, new Entry<>(launch, expires));
    }

    /** The launch prepared for {@code ticket}, which is no longer kept: nobody else can take it. */
    public synchronized Optional<L> take(String ticket) {
        return Optional.ofNullable(byTicket.remove(ticket)).map(Entry::launch);
    }

    /** Removes and answers the launches whose tickets expired before {@code now}: their clients never came. */
    public synchronized List<L> expired(Instant now) {
        List<L> expired = new ArrayList<>();
        var entries = byTicket.values().iterator();
        while (entries.hasNext()) {
            Entry<L> entry = entries.next();
            if (!now.isAfter(entry.expires())) {
                break;
            }
            expired.add(entry.launch());
            entries.remove();
        }
        return expired;
    }

    public synchronized int size() {
        return byTicket.size();
    }
}
