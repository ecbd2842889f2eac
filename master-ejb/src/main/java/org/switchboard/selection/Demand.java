package org.switchboard.selection;

import java.util.Objects;

/** A client's request as selection sees it: who wants which application, from where. */
public record Demand(String clientId, String app, Location location) {

    public Demand {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(location, "location");
    }
}
