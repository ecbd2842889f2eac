package org.switchboard.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How another policy would have placed a master's recorded requests, next to how the master placed them.
 *
 * @param requests    requests replayed
 * @param compared    requests with a recorded server for which the other policy also chose one
 * @param moved       of those, the ones it would have sent to a different server
 * @param wouldPlace  requests rejected for want of a server that the other policy would have placed
 * @param wouldReject requests placed that the other policy would have rejected
 */
record WhatIfResult(int requests, int compared, int moved, int wouldPlace, int wouldReject, Figures recorded,
                    Figures whatIf) {

    /**
     * One world's load over the replay. Imbalance is the most loaded server's utilisation over the mean utilisation
     * of all servers, sampled after every placement and departure.
     *
     * @param peaks the most programs each server ran at once, by server name in the servers' order
     */
    record Figures(double p99Imbalance, double maxImbalance, double peakUtilisation, Map<String, Integer> peaks) {

        static Figures of(ReplayedFleet fleet, List<Recording.Server> servers) {
            Map<String, Integer> peaks = new LinkedHashMap<>();
            servers.forEach(server -> peaks.put(server.name(), fleet.peak(server.name())));
            return new Figures(fleet.imbalancePercentile(99), fleet.maxImbalance(), fleet.peakUtilisation(),
                    Collections.unmodifiableMap(peaks));
        }
    }
}
