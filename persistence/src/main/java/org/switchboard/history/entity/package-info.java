/**
 * The request history: every client request the master decided on, with what it chose, why, and how long the
 * decision took. Input for the client-identity metric after a restart and for replaying decisions.
 */
package org.switchboard.history.entity;
