package org.switchboard.simulator;

/**
 * What one run measured. Imbalance is the most loaded server's utilisation over the fleet's mean utilisation, sampled
 * over the measured span.
 *
 * @param p99Imbalance          the 99th percentile of the samples
 * @param maxImbalance          the worst sample
 * @param launches              requests placed in the measured span
 * @param failures              requests refused, or sent to a server that turned out to be full
 * @param slowStartExcess       the most programs any server in its slow-start window ran above its allowance
 *                              (capacity times its slow-start share, rounded up); 0 or less means it stayed within
 * @param joinedLoad            programs the last server to join ran at the end
 */
public record Result(String placement, double p99Imbalance, double maxImbalance, long launches, long failures,
                     int slowStartExcess, int joinedLoad) {
}
