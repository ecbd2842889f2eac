package org.switchboard.protocol;

/**
 * The master's answer to a selection request when it placed the session: the program runs, and the relay token
 * (handed out only here) lets its client link to it. Patent Fig. 11: the client is notified before its link exists.
 * {@code kind} is the application's kind as the launching agent reported it.
 */
public record SessionOpened(SessionInfo session, String relayToken, DecisionReport decision, String kind) {
}
