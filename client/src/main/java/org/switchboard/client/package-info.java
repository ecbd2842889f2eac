/**
 * The client library (patent: client 10 with its redirection handling 901): {@link org.switchboard.client.Switchboard}
 * asks a slave for a session and follows its redirects, bounded, with the ticket each one carries; shows and ends
 * sessions with their token; and gives a {@link org.switchboard.client.Link} to the program, through the slave's
 * WebSocket relay or straight to its endpoint, that carries a pair of local byte streams
 * ({@link org.switchboard.client.Forwarder} does so for every connection to a local port). Expected failures are
 * {@link org.switchboard.client.SwitchboardException}s with one sentence for people. Out of scope: argument handling
 * and the list of a user's sessions, which belong to the command line ({@code org.switchboard.client.cli}).
 */
package org.switchboard.client;
