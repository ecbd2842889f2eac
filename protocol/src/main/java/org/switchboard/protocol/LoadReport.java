package org.switchboard.protocol;

/**
 * An agent's periodic report of its processing server's load.
 *
 * @param cpuLoad        host CPU use, 0..1 (negative when the platform cannot tell)
 * @param memoryLoad     host memory in use, 0..1
 * @param programs       programs running now
 * @param capacityUsed   capacity units the running programs use
 * @param launchOrders   launch instructions this agent has received since it started; the master compares it with the
 *                       number it sent to count its own placements that this report does not show yet
 */
public record LoadReport(String server, double cpuLoad, double memoryLoad, int programs, int capacityUsed,
                         long launchOrders) {
}
