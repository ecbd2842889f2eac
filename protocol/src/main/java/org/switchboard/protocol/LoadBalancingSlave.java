package org.switchboard.protocol;

/**
 * What the master tells a slave it chose (patent: slaves 18, 20; Fig. 7, arrow 653). A slave deployed with the master
 * hears it in process ({@link LoadBalancingMaster#attach}); a slave on its own over REST at
 * {@code {slave}/api/v1/slave/arrivals}, with the shared secret.
 */
public interface LoadBalancingSlave {

    /** A redirected client is on its way here, and its program runs: get ready to link it. */
    void arriving(Arrival arrival);
}
