package org.switchboard.master.http;

import org.switchboard.selection.SlaveView;

/** A slave as operators see it: where clients reach it, where it is, its load and whether it is reporting. */
public record SlaveBody(String name, String url, String location, String state, int capacity, int relays) {

    static SlaveBody of(SlaveView view) {
        return new SlaveBody(view.name(), view.url(), view.location().toString(), view.up() ? "up" : "down",
                view.capacity(), view.relays());
    }
}
