package org.switchboard.selection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What selection needs from a board that does not depend on the demand, so that a decision looks at a few dozen
 * servers instead of every one: for each application, the servers that may run it (up, not drained, room left)
 * grouped by location and sorted by utilisation, which puts each location's best server at the front; for each client,
 * the servers already running its programs; and each server's rank by name for the ties. Immutable but for the client
 * map, which it makes only once the board has served a few decisions (see {@link #serversOf}), and which the index of a
 * board derived from this one takes over, brought up to date for the changed servers.
 */
final class BoardIndex {

    private static final int[] NONE = {};
    /**
     * Making the client map costs about as much as forty scans of the servers' own client sets (a millisecond for a
     * thousand servers with twenty clients each), so a board that serves only a few decisions scans, and a board that
     * serves many makes the map. Boards derived one from another count their decisions together: the map is made
     * once for all of them and then kept up to date at each change, which costs far less than a scan.
     */
    private static final int SCANS_BEFORE_CLIENT_MAP = 32;

    /** Server positions on the board, ordered by name and then by position, so that ties go as a scan would. */
    final int[] nameRank;
    final double[] utilisation;
    private final Map<String, Offering> offerings;
    /** Every location label on the board, numbered, so that proximity compares ints in one array. */
    private final Map<String, Integer> labelIds;
    private final List<ServerView> servers;
    private volatile ServersByClient serversByClient;
    /** Decisions that scanned, on this board and those it was derived from; a lost update only delays the map. */
    private int scans;

    private BoardIndex(List<ServerView> servers) {
        labelIds = new HashMap<>();
        int count = servers.size();
        utilisation = new double[count];
        Integer[] byName = new Integer[count];
        for (int i = 0; i < count; i++) {
            utilisation[i] = servers.get(i).utilisation();
            byName[i] = i;
        }
        Arrays.sort(byName, Comparator.comparing((Integer i) -> servers.get(i).name()).thenComparing(i -> i));
        nameRank = new int[count];
        for (int rank = 0; rank < count; rank++) {
            nameRank[byName[rank]] = rank;
        }
        offerings = offerings(servers);
        this.servers = servers;
    }

    private BoardIndex(BoardIndex parent, List<ServerView> servers) {
        nameRank = parent.nameRank;
        utilisation = parent.utilisation.clone();
        offerings = new HashMap<>(parent.offerings);
        labelIds = parent.labelIds;
        this.servers = servers;
        scans = parent.scans;
    }

    /**
     * The index of {@code servers}, a board that differs from this index's only in the servers at the positions
     * {@code changed}, worked out from this one in time proportional to those servers' locations instead of the whole
     * board; empty when a change reshapes the index (a server moved, changed its applications or joining time, or a
     * location gained its first or lost its last server that may run an application), and then only a new index will
     * do. The result equals the index made afresh, but that the order of its locations may differ, which no decision
     * depends on. It takes over this index's client map, changed only in the changed servers' clients, and its count
     * of decisions towards making one.
     */
    Optional<BoardIndex> derive(List<ServerView> servers, int[] changed) {
        for (int position : changed) {
            ServerView before = this.servers.get(position);
            ServerView after = servers.get(position);
            if (!before.name().equals(after.name()) || !before.location().equals(after.location())
                    || !before.applications().equals(after.applications())
                    || !Objects.equals(before.joined(), after.joined())) {
                return Optional.empty();
            }
        }
        BoardIndex derived = new BoardIndex(this, servers);
        for (int position : changed) {
            if (!derived.move(this.servers.get(position), servers.get(position), position)) {
                return Optional.empty();
            }
        }
        ServersByClient byClient = serversByClient;
        derived.serversByClient = byClient == null ? null : byClient.with(this.servers, servers, changed);
        return Optional.of(derived);
    }

    /** Moves one server to its place under its new load in each of its applications' lists; false if it cannot. */
    private boolean move(ServerView before, ServerView after, int position) {
        utilisation[position] = after.utilisation();
        for (String app : after.applications()) {
            boolean was = Selection.eligible(before, app);
            boolean is = Selection.eligible(after, app);
            Offering offering = offerings.get(app);
            if (!was && !is) {
                continue;
            }
            int at = offering == null ? -1 : Arrays.asList(offering.locations()).indexOf(after.location());
            if (at < 0) {
                return false;
            }
            int[] list = offering.bestFirst()[at];
            if (was) {
                list = without(list, position);
            }
            if (is) {
                list = with(list, position);
            }
            if (list.length == 0) {
                return false;
            }
            offerings.put(app, offering.withList(at, list, servers, utilisation, was != is));
        }
        return true;
    }

    private static int[] without(int[] list, int position) {
        int[] fewer = new int[list.length - 1];
        int at = 0;
        for (int i : list) {
            if (i != position) {
                fewer[at++] = i;
            }
        }
        return fewer;
    }

    /** {@code list} with {@code position} in its place by utilisation and then name. */
    private int[] with(int[] list, int position) {
        int low = 0;
        int high = list.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int other = list[middle];
            int order = Double.compare(utilisation[other], utilisation[position]);
            if (order < 0 || order == 0 && nameRank[other] < nameRank[position]) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        int[] more = new int[list.length + 1];
        System.arraycopy(list, 0, more, 0, low);
        more[low] = position;
        System.arraycopy(list, low, more, low + 1, list.length - low);
        return more;
    }

    /** The servers that may run {@code app}; empty when none. */
    Offering offering(String app) {
        return offerings.getOrDefault(app, Offering.EMPTY);
    }

    /**
     * Positions of the servers running a program for {@code client}: all of them, or at least those in
     * {@code offering}, which are the ones selection can use.
     */
    int[] serversOf(String client, Offering offering) {
        ServersByClient byClient = serversByClient;
        if (byClient == null && scans++ >= SCANS_BEFORE_CLIENT_MAP) {
            byClient = ServersByClient.of(servers);
            serversByClient = byClient;
        }
        return byClient != null ? byClient.get(client) : scan(client, offering);
    }

    /** The client map, null until this board or those it was derived from have served enough decisions. */
    ServersByClient clientMap() {
        return serversByClient;
    }

    private int[] scan(String client, Offering offering) {
        int[] found = NONE;
        for (int[] location : offering.bestFirst()) {
            for (int i : location) {
                if (servers.get(i).clients().contains(client)) {
                    found = Arrays.copyOf(found, found.length + 1);
                    found[found.length - 1] = i;
                }
            }
        }
        return found;
    }

    private Map<String, Offering> offerings(List<ServerView> servers) {
        Map<String, Map<Location, List<Integer>>> grouped = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            ServerView server = servers.get(i);
            for (String app : server.applications()) {
                if (Selection.eligible(server, app)) {
                    grouped.computeIfAbsent(app, key -> new LinkedHashMap<>())
                            .computeIfAbsent(server.location(), key -> new ArrayList<>()).add(i);
                }
            }
        }
        Comparator<Integer> bestFirst = Comparator.comparingDouble((Integer i) -> utilisation[i])
                .thenComparingInt(i -> nameRank[i]);
        Map<String, Offering> byApp = new HashMap<>();
        grouped.forEach((app, byLocation) -> {
            Location[] locations = byLocation.keySet().toArray(Location[]::new);
            int[][] bestFirstAt = new int[locations.length][];
            for (int at = 0; at < locations.length; at++) {
                List<Integer> members = byLocation.get(locations[at]);
                members.sort(bestFirst);
                bestFirstAt[at] = members.stream().mapToInt(Integer::intValue).toArray();
            }
            byApp.put(app, Offering.of(locations, labelIds(locations), bestFirstAt, fronts(servers, bestFirstAt),
                    servers));
        });
        return byApp;
    }

    /** The labels of each location as ids, {@link Location#MAX_DEPTH} slots each, -1 past the last. */
    private int[] labelIds(Location[] locations) {
        int[] ids = new int[locations.length * Location.MAX_DEPTH];
        Arrays.fill(ids, -1);
        for (int at = 0; at < locations.length; at++) {
            List<String> labels = locations[at].labels();
            for (int depth = 0; depth < labels.size(); depth++) {
                ids[at * Location.MAX_DEPTH + depth] = labelIds.computeIfAbsent(labels.get(depth), key -> labelIds.size());
            }
        }
        return ids;
    }

    /** The demand's labels as ids, {@link Location#MAX_DEPTH} slots, -2 for labels no server has and past the last. */
    int[] labelIds(Location location) {
        int[] ids = new int[Location.MAX_DEPTH];
        Arrays.fill(ids, -2);
        List<String> labels = location.labels();
        for (int depth = 0; depth < labels.size(); depth++) {
            ids[depth] = labelIds.getOrDefault(labels.get(depth), -2);
        }
        return ids;
    }

    /** The front of each location's list, side by side, so that a decision reads a few cache lines, not every server. */
    private Fronts fronts(List<ServerView> servers, int[][] bestFirst) {
        int count = bestFirst.length;
        Fronts fronts = new Fronts(new int[count], new double[count], new long[count], new int[count]);
        for (int at = 0; at < count; at++) {
            int server = bestFirst[at][0];
            Instant joined = servers.get(server).joined();
            fronts.server[at] = server;
            fronts.utilisation[at] = utilisation[server];
            fronts.joinedSecond[at] = joined == null ? Long.MIN_VALUE : joined.getEpochSecond();
            fronts.joinedNano[at] = joined == null ? 0 : joined.getNano();
        }
        return fronts;
    }

    /** Each location's best server by utilisation and name, and when it joined (the minimum second when unknown). */
    record Fronts(int[] server, double[] utilisation, long[] joinedSecond, int[] joinedNano) {

        /** These fronts with {@code server} at the front of location {@code at}. */
        Fronts with(int at, int server, Instant joined, double load) {
            Fronts copy = new Fronts(this.server.clone(), utilisation.clone(), joinedSecond.clone(), joinedNano.clone());
            copy.server[at] = server;
            copy.utilisation[at] = load;
            copy.joinedSecond[at] = joined == null ? Long.MIN_VALUE : joined.getEpochSecond();
            copy.joinedNano[at] = joined == null ? 0 : joined.getNano();
            return copy;
        }

        /** Whether the front server of location {@code at} joined after the instant given as second and nano. */
        boolean ramping(int at, long sinceSecond, int sinceNano) {
            return joinedSecond[at] > sinceSecond || joinedSecond[at] == sinceSecond && joinedNano[at] > sinceNano;
        }
    }

    /**
     * The servers that may run one application, by location.
     *
     * @param labelIds  each location's labels as ids, {@link Location#MAX_DEPTH} slots per location
     * @param bestFirst for each location, its servers by utilisation and then name: the best server that is not
     *                  ramping up is the first one that is not, and a ramping one can only beat it from in front
     * @param fronts    the first of each location's servers
     * @param earliestJoined  the earliest joining time among them, null when none is known
     * @param latestJoined    the latest joining time among them, null when none is known
     * @param anyJoinUnknown  whether one of them has no joining time, and so counts as established
     */
    record Offering(Location[] locations, int[] labelIds, int[][] bestFirst, Fronts fronts, Instant earliestJoined,
                    Instant latestJoined, boolean anyJoinUnknown) {

        static final Offering EMPTY = new Offering(new Location[0], new int[0], new int[0][],
                new Fronts(new int[0], new double[0], new long[0], new int[0]), null, null, false);

        /** How many leading labels location {@code at} shares with the demand's, given as ids. */
        int proximity(int at, int[] demandLabelIds) {
            int shared = 0;
            int offset = at * Location.MAX_DEPTH;
            while (shared < Location.MAX_DEPTH && labelIds[offset + shared] == demandLabelIds[shared]) {
                shared++;
            }
            return shared;
        }

        /**
         * This offering with location {@code at}'s list replaced; {@code membersChanged} says whether the list holds
         * other servers than before, and so the joining times must be looked at again.
         */
        Offering withList(int at, int[] list, List<ServerView> servers, double[] utilisation, boolean membersChanged) {
            int[][] lists = bestFirst.clone();
            lists[at] = list;
            Fronts moved = fronts.with(at, list[0], servers.get(list[0]).joined(), utilisation[list[0]]);
            return membersChanged ? of(locations, labelIds, lists, moved, servers)
                    : new Offering(locations, labelIds, lists, moved, earliestJoined, latestJoined, anyJoinUnknown);
        }

        /** The offering of the servers in {@code bestFirst}, with their earliest and latest joining times. */
        static Offering of(Location[] locations, int[] labelIds, int[][] bestFirst, Fronts fronts,
                           List<ServerView> servers) {
            Instant earliest = null;
            Instant latest = null;
            boolean unknown = false;
            for (int[] members : bestFirst) {
                for (int i : members) {
                    Instant joined = servers.get(i).joined();
                    if (joined == null) {
                        unknown = true;
                    } else {
                        earliest = earliest == null || joined.isBefore(earliest) ? joined : earliest;
                        latest = latest == null || joined.isAfter(latest) ? joined : latest;
                    }
                }
            }
            return new Offering(locations, labelIds, bestFirst, fronts, earliest, latest, unknown);
        }

        boolean any() {
            return locations.length > 0;
        }

        /** Whether one of these servers joined after {@code rampingSince}. */
        boolean anyRamping(Instant rampingSince) {
            return Selection.ramping(latestJoined, rampingSince);
        }

        /** Whether one of these servers did not join after {@code rampingSince}. */
        boolean anyEstablished(Instant rampingSince) {
            return any() && (anyJoinUnknown || !Selection.ramping(earliestJoined, rampingSince));
        }
    }

    /**
     * Works the index out once, on the first decision, for a board and its copies at other times; at worst two threads
     * work it out at once, with equal results. A board that differs from another in a few servers derives its index
     * from the other's, when that one was worked out and the change allows it.
     */
    static final class Lazy {
        private final List<ServerView> servers;
        private final int[] changed;
        /** The board this one was derived from, until this index is worked out. */
        private volatile Lazy parent;
        private volatile BoardIndex index;

        Lazy(List<ServerView> servers) {
            this(servers, null, null);
        }

        /**
         * The index of {@code servers}, which differ from {@code parent}'s only at the positions {@code changed},
         * derived from the parent's if that one is worked out by then.
         */
        Lazy(List<ServerView> servers, Lazy parent, int[] changed) {
            this.servers = servers;
            this.parent = parent;
            this.changed = changed;
        }

        /** Whether the index is worked out, and so a board that differs in a few servers can derive its own from it. */
        boolean workedOut() {
            return index != null;
        }

        BoardIndex get() {
            BoardIndex worked = index;
            if (worked == null) {
                Lazy from = parent;
                BoardIndex before = from == null ? null : from.index;
                worked = before == null ? new BoardIndex(servers)
                        : before.derive(servers, changed).orElseGet(() -> new BoardIndex(servers));
                index = worked;
                parent = null;
            }
            return worked;
        }
    }
}
