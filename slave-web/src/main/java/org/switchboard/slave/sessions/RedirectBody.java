package org.switchboard.slave.sessions;

/**
 * The body of a {@code 307}: repeat the request at {@code redirect} with {@code ticket}; {@code slave} and
 * {@code server} say where the session will run.
 */
public record RedirectBody(String redirect, String ticket, String slave, String server) {
}
