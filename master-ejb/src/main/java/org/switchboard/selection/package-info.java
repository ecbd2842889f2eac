/**
 * The selection policy: which processing server should run a client's program. Plain Java over an immutable
 * {@link org.switchboard.selection.Board}, returning a {@link org.switchboard.selection.Decision} that carries every
 * candidate's score or the reason it was excluded.
 * <p>
 * The metrics, in the order they decide (patent: "one or more metrics associated with each processing server"):
 * <ol>
 *   <li>hard limits: the server offers the application, is up, is not drained, and has room;</li>
 *   <li>client identity: a server already running a program for this client comes first (the patent's grouping);</li>
 *   <li>location: a longer common prefix of the client's and the server's hierarchical location comes first;</li>
 *   <li>load: the lowest load per capacity unit, counting the last report plus the master's own placements since.</li>
 * </ol>
 * Out of scope: anything with I/O, time or randomness — the master feeds those in. An ArchUnit test keeps this
 * package free of frameworks.
 */
package org.switchboard.selection;
