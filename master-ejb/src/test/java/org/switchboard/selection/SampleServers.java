package org.switchboard.selection;

import java.time.Instant;
import java.util.Set;
import org.switchboard.selection.ServerView.Availability;

/** Named processing servers for selection tests. */
final class SampleServers {

    static final String SHELL = "bash";
    static final String EDITOR = "writer";
    /** The time of the decisions in tests that need one. */
    static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private SampleServers() {
    }

    static Builder server(String name) {
        return new Builder(name);
    }

    static Builder frankfurt() {
        return server("fra-1").at("eu/de/fra");
    }

    static Builder berlin() {
        return server("ber-1").at("eu/de/ber");
    }

    static Builder newYork() {
        return server("nyc-1").at("us/ny/nyc");
    }

    static Demand demand(String client, String location) {
        return new Demand(client, SHELL, Location.parse(location));
    }

    static final class Builder {
        private final String name;
        private Location location = Location.UNKNOWN;
        private Set<String> applications = Set.of(SHELL);
        private int capacity = 10;
        private Availability availability = Availability.UP;
        private int load;
        private Set<String> clients = Set.of();
        private Instant joined;

        private Builder(String name) {
            this.name = name;
        }

        Builder at(String location) {
            this.location = Location.parse(location);
            return this;
        }

        Builder offering(String... applications) {
            this.applications = Set.of(applications);
            return this;
        }

        Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        Builder load(int load) {
            this.load = load;
            return this;
        }

        Builder serving(String... clients) {
            this.clients = Set.of(clients);
            return this;
        }

        /** The server (re-)registered this many seconds before {@link #NOW}. */
        Builder joinedSecondsAgo(long seconds) {
            this.joined = NOW.minusSeconds(seconds);
            return this;
        }

        Builder down() {
            this.availability = Availability.DOWN;
            return this;
        }

        Builder drained() {
            this.availability = Availability.DRAINED;
            return this;
        }

        ServerView build() {
            return new ServerView(name, location, applications, capacity, availability, load, clients, joined);
        }
    }
}
