package org.switchboard.client.cli;

/** A session this command line opened, as it keeps it: enough to show, end and link to it again. */
public record SavedSession(String id, String app, String clientId, String slave, String token, String link) {
}
