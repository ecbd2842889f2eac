package org.switchboard.master.control;

import java.time.Instant;
import org.switchboard.protocol.SlaveReport;

/**
 * One slave as operators see it.
 *
 * @param latest     its latest report
 * @param up         whether its reports keep arriving, so the master may choose it
 * @param reportedAt when the latest report arrived
 */
public record SlaveStatus(SlaveReport latest, boolean up, Instant reportedAt) {
}
