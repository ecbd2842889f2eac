package org.switchboard.master.control;

import java.util.List;
import java.util.Optional;

/**
 * Who of a master group decides, as one member sees the group: the oldest member of the data grid (the grid's member
 * list, oldest first, is the same on every member that sees the same members), and only while it sees a majority of
 * the group's configured size, so that of two sides of a split only one can have a decider. Plain Java.
 *
 * @param members   the members this member sees, oldest first, by id
 * @param self      this member's id
 * @param groupSize how many masters the group is configured to have
 */
public record GroupView(List<String> members, String self, int groupSize) {

    public GroupView {
        members = List.copyOf(members);
        if (groupSize < 1) {
            throw new IllegalArgumentException("a master group has at least one member, not " + groupSize);
        }
    }

    /** The fewest members a side must see to have a decider: more than half of the group. */
    public int majority() {
        return groupSize / 2 + 1;
    }

    public boolean hasMajority() {
        return members.size() >= majority();
    }

    /** The member that decides, when this side of the group has one. */
    public Optional<String> decider() {
        return hasMajority() && !members.isEmpty() ? Optional.of(members.get(0)) : Optional.empty();
    }

    public boolean selfDecides() {
        return decider().filter(self::equals).isPresent();
    }

    /** Why this member does not decide; empty when it does. */
    public Optional<String> whyNotDeciding() {
        if (!hasMajority()) {
            return Optional.of("this master sees " + members.size() + " of the group's " + groupSize
                    + " members, fewer than the majority of " + majority() + ": no member of this side decides");
        }
        if (!selfDecides()) {
            return Optional.of("another member of the group decides: the oldest one");
        }
        return Optional.empty();
    }
}
