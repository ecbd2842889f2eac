/**
 * The processing servers the master knows, as registered by their agents, and the load reports they sent.
 * The master selects from an in-memory view; these entities are its durable record, not its hot path.
 */
package org.switchboard.fleet.entity;
