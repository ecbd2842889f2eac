package org.switchboard.protocol;

/**
 * A slave's selection request to the master (patent Fig. 7, 651): the client's request as the client sent it (the
 * master validates it), the ticket it carries when it follows a redirect, and the requesting slave as it stands now.
 */
public record SelectionRequest(String app, String clientId, String location, String ticket, SlaveReport slave) {
}
