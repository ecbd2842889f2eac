/**
 * The selection policy: which processing server should run a client's program. Plain Java over an immutable
 * {@link org.switchboard.selection.Board}, returning a {@link org.switchboard.selection.Decision} that carries why the
 * server was chosen and every candidate's score or the reason it was excluded.
 * <p>
 * The metrics, in the order they decide (patent: "one or more metrics associated with each processing server"):
 * <ol>
 *   <li>application: the server offers it;</li>
 *   <li>hard limits: the server is up (its reports arrive), not drained by an operator, and has room;</li>
 *   <li>client identity: a server already running a program for this client comes first, while it has room (the
 *       patent's grouping);</li>
 *   <li>location: the ring of servers sharing the longest prefix with the client's hierarchical location comes first.
 *       Requests spill one ring outwards when the nearer ring is full, or when its best server scores more than the
 *       spill margin above the best server further out (much busier);</li>
 *   <li>load: the lowest load per capacity unit. Load is the last report plus the master's own placements since,
 *       in-flight launches included: a view that only knew the reports would send every request between two reports
 *       to the same server (herding; Mitzenmacher, "How useful is old information?", 2000);</li>
 *   <li>slow start: a server that joined less than the slow-start window ago is ranked as if it had only a share of
 *       its capacity, growing from the initial share to all of it over the window, so it ramps up instead of taking
 *       every request until it is as loaded as the rest. It does not apply when every eligible server is new (the
 *       fleet or the master just started);</li>
 *   <li>the server's name, so that equal boards give equal decisions.</li>
 * </ol>
 * {@link org.switchboard.selection.SelectionPolicy} says which soft preferences apply and how strongly. The simulator
 * module replays arrivals and departures against this package to measure it; see {@code docs/selection.md}.
 * <p>
 * Out of scope: anything with I/O, clocks or randomness — the master feeds those in (the board carries the time of the
 * decision). An ArchUnit test keeps this package free of frameworks.
 */
package org.switchboard.selection;
