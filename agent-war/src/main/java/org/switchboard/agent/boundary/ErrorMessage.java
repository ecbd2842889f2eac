package org.switchboard.agent.boundary;

/** The JSON body of every error answer: a stable code for programs and a reason for people. */
public record ErrorMessage(String error, String reason) {
}
