/**
 * What the master is made of: the in-memory {@link org.switchboard.master.control.Fleet} that selection reads, the
 * {@link org.switchboard.master.control.Agents} it instructs over REST, the {@link org.switchboard.master.control.Ledger}
 * that persists sessions, history and loads, and relay tokens. The exceptions here are the master's own; the web
 * module maps them to status codes.
 */
package org.switchboard.master.control;
