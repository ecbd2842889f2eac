package org.switchboard.master.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the master keeps for a redirect's ticket until the client arrives with it or the ticket expires: the launch
 * it started for the client (patent Fig. 7, arrow 653), or just the fact that a client is on its way to a slave. A
 * value is taken once: a replayed ticket finds nothing. All tickets live equally long, so the expired ones are at the
 * head and are dropped without a scan. Thread-safe.
 *
 * @param <V> what is kept for a ticket
 */
public final class ByTicket<V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<String, Entry<V>> byTicket = new LinkedHashMap<>();

    public synchronized void put(String ticket, V value, Instant expires) {
        byTicket.put(ticket, new Entry<>(value, expires));
    }

    /** What was kept for {@code ticket}, which is no longer kept: nobody else can take it. */
    public synchronized Optional<V> take(String ticket) {
        return Optional.ofNullable(byTicket.remove(ticket)).map(Entry::value);
    }

    /** Removes and answers what was kept for tickets that expired before {@code now}: their clients never came. */
    public synchronized List<V> expired(Instant now) {
        List<V> expired = new ArrayList<>();
        var entries = byTicket.values().iterator();
        while (entries.hasNext()) {
            Entry<V> entry = entries.next();
            if (!now.isAfter(entry.expires())) {
                break;
            }
            expired.add(entry.value());
            entries.remove();
        }
        return expired;
    }

    /** How many tickets are kept, expired ones included until {@link #expired} drops them. */
    public synchronized int size() {
        return byTicket.size();
    }
}
