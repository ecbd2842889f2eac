/**
 * A discrete-event simulator that replays session arrivals and departures against the real selection core
 * ({@link org.switchboard.selection.Selection}) and against naive placements, with load reports as stale as asked, and
 * measures how unevenly the fleet ends up loaded; plus the JMH benchmark of the core. Run from Maven (see
 * {@code docs/selection.md}); the unit tests run small versions of the scenarios.
 * <p>
 * {@link org.switchboard.simulator.WhatIf} replays what a running master recorded (its admin API's servers, request
 * history and sessions) under another selection policy, next to what the master did.
 * <p>
 * The naive placements live here, not in the product: they exist to show what the core is measured against.
 * Out of scope: networking, the master's locking and persistence — the simulator models the master's view only
 * (last report + own placements since, as {@code master.control.Fleet} keeps it).
 */
package org.switchboard.simulator;
