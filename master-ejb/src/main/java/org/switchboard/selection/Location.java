package org.switchboard.selection;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A hierarchical location such as {@code eu/de/fra}: the more leading labels two locations share, the nearer they are.
 * The empty location (unknown) is near to nothing.
 */
public record Location(List<String> labels) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    /** Also the highest proximity two locations can have, so selection can keep one slot per ring. */
    static final int MAX_DEPTH = 8;

    public static final Location UNKNOWN = new Location(List.of());

    public Location {
        labels = List.copyOf(labels);
    }

    /** Parses {@code a/b/c}; blank or null is {@link #UNKNOWN}; anything else malformed is refused. */
    public static Location parse(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        List<String> labels = Arrays.asList(text.trim().toLowerCase().split("/", -1));
        if (labels.size() > MAX_DEPTH || !labels.stream().allMatch(label -> LABEL.matcher(label).matches())) {
            throw new IllegalArgumentException("location must look like eu/de/fra (lower-case labels of letters, digits,"
                    + " '-' or '_', at most " + MAX_DEPTH + " levels): " + text);
        }
        return new Location(labels);
    }

    /** How many leading labels this and {@code other} share: 0 when they have nothing in common. */
    public int proximity(Location other) {
        int shared = 0;
        while (shared < labels.size() && shared < other.labels.size()
                && labels.get(shared).equals(other.labels.get(shared))) {
            shared++;
        }
        return shared;
    }

    @Override
    public String toString() {
        return String.join("/", labels);
    }
}
