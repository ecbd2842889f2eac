package org.switchboard.protocol;

/**
 * A slave's selection request to the master (patent Fig. 7, 651): the client's request as the client sent it (the
 * master validates it) and the requesting slave.
 */
public record SelectionRequest(String app, String clientId, String location, String slave) {
}
