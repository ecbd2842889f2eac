package org.switchboard.selection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable snapshot of the processing servers, the input of one decision.
 * <p>
 * A board also carries what selection precomputes from it and that does not depend on the demand ({@link BoardIndex}),
 * worked out on the first decision and shared by the copies {@link #at} makes: a master that keeps one board until
 * something changes pays for it once, not on every decision.
 */
public final class Board {

    private final List<ServerView> servers;
    private final Instant takenAt;
    private final BoardIndex.Lazy index;

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
        this.servers = same.servers;
        this.takenAt = takenAt;
        this.index = same.index;
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
        return new Board(servers.stream().map(view -> view.name().equals(server) && view.load() > 0
                ? view.withLoad(view.load() - 1) : view).toList(), takenAt);
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
