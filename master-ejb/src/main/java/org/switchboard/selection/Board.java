package org.switchboard.selection;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable snapshot of the processing servers, the input of one decision.
 * <p>
 * A board also carries what selection precomputes from it and that does not depend on the demand ({@link BoardIndex}),
 * worked out on the first decision and shared by the copies {@link #at} makes: a master that keeps one board until
 * something changes pays for it once, not on every decision. A board that differs in a few servers ({@link #with})
 * derives its index from this one's instead of working it out afresh.
 */
public final class Board {

    private final List<ServerView> servers;
    private final Instant takenAt;
    private final BoardIndex.Lazy index;
    /** Each server's position by name, made when first needed and shared with the boards derived from this one. */
    private volatile Map<String, Integer> positions;

    /**
     * @param takenAt when the snapshot was taken, which is when the decision is made; slow start needs it to know how
     *                long each server has been in the fleet. Null when the caller does not say, and then slow start
     *                does not apply.
     */
    public Board(List<ServerView> servers, Instant takenAt) {
        this.servers = List.copyOf(servers);
        this.takenAt = takenAt;
        this.index = new BoardIndex.Lazy(this.servers);
    }

    /** A snapshot without a time: every server counts as established. */
    public Board(List<ServerView> servers) {
        this(servers, null);
    }

    private Board(Board same, Instant takenAt) {
        this(same.servers, takenAt, same.index, same.positions);
    }

    private Board(List<ServerView> servers, Instant takenAt, BoardIndex.Lazy index, Map<String, Integer> positions) {
        this.servers = servers;
        this.takenAt = takenAt;
        this.index = index;
        this.positions = positions;
    }

    public List<ServerView> servers() {
        return servers;
    }

    public Instant takenAt() {
        return takenAt;
    }

    /** This board as of {@code now}; it shares the precomputed index, which does not depend on the time. */
    public Board at(Instant now) {
        return new Board(this, now);
    }

    /** This board without the named servers, for choosing again after a server failed to launch. */
    public Board without(Set<String> names) {
        return names.isEmpty() ? this
                : new Board(servers.stream().filter(server -> !names.contains(server.name())).toList(), takenAt);
    }

    /**
     * This board with one program fewer on {@code server}: a program the master prepared for the very client being
     * placed does not compete with that client for its server's room.
     */
    public Board withOneProgramFewer(String server) {
        Integer position = positions().get(server);
        ServerView view = position == null ? null : servers.get(position);
        return view == null || view.load() <= 0 ? this : with(List.of(view.withLoad(view.load() - 1)));
    }

    /**
     * This board with {@code changed} in place of the servers of the same names, at the same time. When this board's
     * index is worked out, the new board's is derived from it as far as the change allows, in time proportional to the
     * changed servers' locations rather than the whole fleet: a master replaces its board at every placement and
     * every load report.
     *
     * @throws IllegalArgumentException when one of them is not on this board
     * @throws IllegalStateException    when two servers on this board share a name
     */
    public Board with(Collection<ServerView> changed) {
        if (changed.isEmpty()) {
            return this;
        }
        Map<String, Integer> byName = positions();
        ServerView[] copy = servers.toArray(ServerView[]::new);
        int[] at = new int[changed.size()];
        int count = 0;
        for (ServerView view : changed) {
            Integer position = byName.get(view.name());
            if (position == null) {
                throw new IllegalArgumentException("no server named " + view.name() + " on this board");
            }
            copy[position] = view;
            at[count++] = position;
        }
        List<ServerView> changedServers = List.of(copy);
        BoardIndex.Lazy derived = index.workedOut() ? new BoardIndex.Lazy(changedServers, index, at)
                : new BoardIndex.Lazy(changedServers);
        return new Board(changedServers, takenAt, derived, byName);
    }

    private Map<String, Integer> positions() {
        Map<String, Integer> byName = positions;
        if (byName == null) {
            byName = new HashMap<>(servers.size() * 2);
            for (int i = 0; i < servers.size(); i++) {
                if (byName.put(servers.get(i).name(), i) != null) {
                    throw new IllegalStateException("two servers on this board are named " + servers.get(i).name());
                }
            }
            positions = byName;
        }
        return byName;
    }

    BoardIndex index() {
        return index.get();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Board board && servers.equals(board.servers) && Objects.equals(takenAt, board.takenAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(servers, takenAt);
    }

    @Override
    public String toString() {
        return "Board[servers=" + servers + ", takenAt=" + takenAt + "]";
    }
}
