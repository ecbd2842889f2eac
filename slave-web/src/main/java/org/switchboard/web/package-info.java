/**
 * The balancer's HTTP face, thin shells over the {@link org.switchboard.master.boundary.Master}: the public sessions
 * API and WebSocket relay that make up the slave's role ({@code sessions}, {@code relay}), the agents' registration
 * and load reports ({@code fleet}), and the operators' API ({@code admin}). Resources parse, delegate and map results
 * and the master's exceptions to HTTP ({@link org.switchboard.web.Errors}).
 */
package org.switchboard.web;
