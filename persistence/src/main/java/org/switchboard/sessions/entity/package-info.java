/**
 * Sessions: a client linked to a program the master had launched for it. A session row is either running or
 * explicitly ended, with the reason; its relay token is stored only as a hash.
 */
package org.switchboard.sessions.entity;
