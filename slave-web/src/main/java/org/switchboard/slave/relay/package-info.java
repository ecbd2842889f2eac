/**
 * The WebSocket relay {@code /relay/{id}?token=...} (the slave linking client and program, patent Fig. 3): binary
 * frames carry the program's byte stream both ways over a TCP connection to the program's endpoint (for a stdio program
 * its agent's bridge, spoken to with {@link org.switchboard.protocol.StdioLink}). Nothing is lost at the end: the relay
 * closes the client's side only after every byte the program sent has been sent on, and writes every client frame to
 * the program before it acts on the client's close.
 */
package org.switchboard.slave.relay;
