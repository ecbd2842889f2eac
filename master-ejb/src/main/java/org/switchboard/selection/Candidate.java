package org.switchboard.selection;

/**
 * One server's part in a decision: why it was excluded, or the scores it was ranked by.
 *
 * @param excluded    null when the server was eligible, else why not
 * @param servesClient whether it already runs a program for this client
 * @param proximity   labels its location shares with the client's
 * @param utilisation load per capacity unit at decision time
 */
public record Candidate(String server, String excluded, boolean servesClient, int proximity, double utilisation) {

    public boolean eligible() {
        return excluded == null;
    }
}
