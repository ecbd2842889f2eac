/**
 * The load balancing slave (patent: 18, 20): the public sessions API ({@code sessions}) and the WebSocket relay
 * ({@code relay}) clients use, over a line to the master ({@code master}): the co-deployed master in process, or a
 * remote one over REST. Resources parse, delegate and map the master's refusals to HTTP ({@link
 * org.switchboard.slave.Errors}).
 */
package org.switchboard.slave;
