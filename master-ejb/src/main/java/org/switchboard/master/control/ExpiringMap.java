package org.switchboard.master.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the master keeps for a while under a key: for a redirect's ticket until the client arrives with it or the
 * ticket expires (the launch it started for the client, patent Fig. 7, arrow 653, or just the fact that a client is on
 * its way to a slave); an exit heard for a session not recorded yet ({@link EarlyExits}). A value is taken once: a
 * replayed ticket finds nothing. All keys of one map live equally long and are kept in the order they were put (a key
 * put again moves to the back), so the expired ones are at the head and are dropped without a scan; so are the oldest
 * when more than the capacity are kept. Thread-safe.
 *
 * @param <V> what is kept for a key
 */
public final class ExpiringMap<V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<String, Entry<V>> byKey = new LinkedHashMap<>();
    private final int capacity;

    /** A map without a cap on its size: its keys are kept until they expire. */
    public ExpiringMap() {
        this(Integer.MAX_VALUE);
    }

    /** A map keeping at most {@code capacity} keys, the oldest dropped first. */
    public ExpiringMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps {@code value} for {@code key} until {@code expires}, after every other key. */
    public synchronized void put(String key, V value, Instant expires) {
        byKey.remove(key);
        byKey.put(key, new Entry<>(value, expires));
        Iterator<Entry<V>> oldest = byKey.values().iterator();
        while (byKey.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** What was kept for {@code key}, which is no longer kept: nobody else can take it. */
    public synchronized Optional<V> take(String key) {
        return Optional.ofNullable(byKey.remove(key)).map(Entry::value);
    }

    /** Removes and answers what was kept for keys that expired before {@code now}: each is kept up to its expiry. */
    public synchronized List<V> expired(Instant now) {
        List<V> expired = new ArrayList<>();
        Iterator<Entry<V>> entries = byKey.values().iterator();
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

    /** How many keys are kept, expired ones included until {@link #expired} drops them. */
    public synchronized int size() {
        return byKey.size();
    }
}
