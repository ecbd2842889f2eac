package org.switchboard.selection;

/** A client's request as selection sees it: who wants which application, from where. */
public record Demand(String clientId, String app, Location location) {
}
