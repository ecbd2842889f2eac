/**
 * The agent's shells: the {@link org.switchboard.agent.boundary.Agent} singleton reads the configuration, owns the
 * running programs and the reports to the master; the REST resources under {@code /api} take the master's orders,
 * admit only callers with the shared secret ({@link org.switchboard.agent.boundary.SharedSecretFilter}) and map
 * outcomes to HTTP and JSON errors ({@link org.switchboard.agent.boundary.ErrorMapper}).
 * <p>
 * Out of scope: deciding anything about programs or catalogs; that is {@code control}'s job.
 */
package org.switchboard.agent.boundary;
