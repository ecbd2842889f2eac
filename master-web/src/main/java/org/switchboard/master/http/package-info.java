/**
 * The master's HTTP face, thin shells over {@link org.switchboard.master.boundary.Master}: agents register and report
 * load ({@link org.switchboard.master.http.ServersResource}), remote slaves send selection requests and look up
 * sessions ({@link org.switchboard.master.http.SelectionsResource}), operators see and steer the fleet
 * ({@link org.switchboard.master.http.AdminResource}). Agents and slaves must present the shared secret.
 */
package org.switchboard.master.http;
