package org.switchboard.client.cli;

/** The arguments do not make a command; the message says why. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
