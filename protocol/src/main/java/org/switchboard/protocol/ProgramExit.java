package org.switchboard.protocol;

/** An agent telling the master that the program of {@code session} has ended, with its exit code when known. */
public record ProgramExit(String session, Integer exitCode) {
}
