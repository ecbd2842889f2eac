package org.switchboard.master.control;

import java.util.regex.Pattern;
import org.switchboard.selection.Demand;
import org.switchboard.selection.Location;

/** A client's request to run an application, validated: the values are safe to log, store and pass to an agent. */
public record SessionRequest(String app, String clientId, Location location) {

    private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public SessionRequest {
        require(app, APP, "app", "lower-case letters, digits, '.', '_' or '-'");
        require(clientId, CLIENT, "clientId", "letters, digits, '.', '_', '@' or '-'");
        if (location == null) {
            location = Location.UNKNOWN;
        }
    }

    /** Parses the wire form; a malformed location is an {@link InvalidRequest}. */
    public static SessionRequest of(String app, String clientId, String location) {
        try {
            return new SessionRequest(app, clientId, Location.parse(location));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }

    public Demand demand() {
        return new Demand(clientId, app, location);
    }

    private static void require(String value, Pattern pattern, String field, String allowed) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequest(field + " is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidRequest(field + " must be 1 to 64 characters: " + allowed);
        }
    }
}
