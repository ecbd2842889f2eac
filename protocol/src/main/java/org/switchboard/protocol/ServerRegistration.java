package org.switchboard.protocol;

import java.util.List;

/**
 * An agent announcing its processing server to the master: its name, where the master reaches the agent, its
 * hierarchical location (such as {@code eu/de/fra}), how many capacity units it has, and the catalog applications it
 * offers.
 */
public record ServerRegistration(String server, String agentUrl, String location, int capacity,
                                 List<String> applications) {

    public ServerRegistration {
        applications = List.copyOf(applications);
    }
}
