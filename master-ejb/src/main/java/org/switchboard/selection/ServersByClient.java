package org.switchboard.selection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which servers run a program for each client, as their positions on the board in ascending order: the lookup behind
 * grouping by client. Immutable, and split into shards by the client's hash, so that the map of a board whose servers
 * changed their clients (a placement adds one, a release removes one) copies only the shards of those clients and
 * shares the others, instead of going through every server's clients again.
 */
final class ServersByClient {

    private static final int[] NONE = {};
    /** About this many clients to a shard: a change copies the array of shards and the shards of its clients. */
    private static final int CLIENTS_PER_SHARD = 64;
    private static final int MAX_SHARDS = 1 << 16;
    /**
     * A shard that grew to this size while the map has more clients than its shards are meant for (the board had few
     * when the map was made) makes the map anew, with more shards.
     */
    private static final int SHARD_TOO_BIG = 8 * CLIENTS_PER_SHARD;

    /** No shard changes once the map is handed out. */
    private final Map<String, int[]>[] shards;
    private final int clients;

    private ServersByClient(Map<String, int[]>[] shards, int clients) {
        this.shards = shards;
        this.clients = clients;
    }

    static ServersByClient of(List<ServerView> servers) {
        int entries = 0;
        for (ServerView server : servers) {
            entries += server.clients().size();
        }
        @SuppressWarnings("unchecked")
        Map<String, int[]>[] shards = new Map[shardsFor(entries)];
        for (int s = 0; s < shards.length; s++) {
            shards[s] = new HashMap<>();
        }
        int clients = 0;
        for (int position = 0; position < servers.size(); position++) {
            for (String client : servers.get(position).clients()) {
                clients += add(shards[shard(client, shards.length)], client, position);
            }
        }
        return new ServersByClient(shards, clients);
    }

    private static int shardsFor(int clients) {
        return Integer.highestOneBit(Math.min(MAX_SHARDS, Math.max(1, clients / CLIENTS_PER_SHARD)));
    }

    /** The positions of the servers running a program for {@code client}, ascending; empty when none. */
    int[] get(String client) {
        return shards[shard(client, shards.length)].getOrDefault(client, NONE);
    }

    /**
     * The map of {@code after}, a board that differs from {@code before}, this map's, only at the positions
     * {@code changed}: this map with those servers' clients added and removed, sharing every shard they do not touch.
     */
    ServersByClient with(List<ServerView> before, List<ServerView> after, int[] changed) {
        Map<String, int[]>[] copy = null;
        int count = clients;
        for (int position : changed) {
            Set<String> was = before.get(position).clients();
            Set<String> is = after.get(position).clients();
            if (was.equals(is)) {
                continue;
            }
            copy = copy == null ? shards.clone() : copy;
            for (String client : was) {
                if (!is.contains(client)) {
                    count -= remove(own(copy, client), client, position);
                }
            }
            for (String client : is) {
                if (!was.contains(client)) {
                    Map<String, int[]> shard = own(copy, client);
                    count += add(shard, client, position);
                    if (shard.size() >= SHARD_TOO_BIG && shardsFor(count) > copy.length) {
                        return of(after);
                    }
                }
            }
        }
        return copy == null ? this : new ServersByClient(copy, count);
    }

    /** The shard of {@code client} in {@code copy}, copied first if it is still this map's. */
    private Map<String, int[]> own(Map<String, int[]>[] copy, String client) {
        int s = shard(client, copy.length);
        if (copy[s] == shards[s]) {
            copy[s] = new HashMap<>(shards[s]);
        }
        return copy[s];
    }

    /** Mixes the hash and takes other bits than the shard's own hash table does, which are alike within a shard. */
    private static int shard(String client, int count) {
        return (client.hashCode() * 0x9E3779B9 >>> 16) & (count - 1);
    }

    /** Adds {@code position} to the client's servers; 1 if the client is new to the map, else 0. */
    private static int add(Map<String, int[]> shard, String client, int position) {
        int[] known = shard.getOrDefault(client, NONE);
        int at = Arrays.binarySearch(known, position);
        if (at < 0) {
            int[] more = new int[known.length + 1];
            int insert = -at - 1;
            System.arraycopy(known, 0, more, 0, insert);
            more[insert] = position;
            System.arraycopy(known, insert, more, insert + 1, known.length - insert);
            shard.put(client, more);
        }
        return known.length == 0 ? 1 : 0;
    }

    /** Removes {@code position} from the client's servers; 1 if the client has none left, else 0. */
    private static int remove(Map<String, int[]> shard, String client, int position) {
        int[] known = shard.getOrDefault(client, NONE);
        int at = Arrays.binarySearch(known, position);
        if (at < 0) {
            return 0;
        }
        if (known.length == 1) {
            shard.remove(client);
            return 1;
        }
        int[] fewer = new int[known.length - 1];
        System.arraycopy(known, 0, fewer, 0, at);
        System.arraycopy(known, at + 1, fewer, at, fewer.length - at);
        shard.put(client, fewer);
        return 0;
    }
}
