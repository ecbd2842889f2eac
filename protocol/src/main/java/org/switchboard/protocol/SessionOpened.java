package org.switchboard.protocol;

/**
 * The master's answer to a selection request when it placed the session: the program runs, and the relay token
 * (handed out only here) lets its client link to it. Patent Fig. 11: the client is notified before its link exists.
 */
public record SessionOpened(SessionInfo session, String relayToken, DecisionReport decision) {
}
