/**
 * The load balancing slave (patent: 18, 20): the public sessions API ({@code sessions}) and the WebSocket relay
 * ({@code relay}) clients use, over a line to the master ({@code master}): the co-deployed master in process, or a
 * remote one over REST. Resources parse and delegate; refusals become HTTP answers through
 * {@link org.switchboard.protocol.http.ErrorAnswers}.
 */
package org.switchboard.slave;
