package org.switchboard.selection;

/**
 * One server's part in a decision: why it was excluded, or the scores it was ranked by.
 *
 * @param excluded       null when the server was eligible, else why not
 * @param servesClient   whether it already runs a program for this client
 * @param proximity      labels its location shares with the client's: its ring, higher is nearer
 * @param utilisation    load per capacity unit at decision time
 * @param slowStartShare the share of its capacity it was ranked with: below 1 while it ramps up after joining
 * @param score          what it was ranked by within its ring, lower first: utilisation divided by the slow-start share
 */
public record Candidate(String server, String excluded, boolean servesClient, int proximity, double utilisation,
                        double slowStartShare, double score) {

    public boolean eligible() {
        return excluded == null;
    }
}
