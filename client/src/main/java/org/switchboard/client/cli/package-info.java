/**
 * The {@code switchboard} command line: {@code run}, {@code ls}, {@code attach}, {@code rm} and {@code apps}.
 * {@link org.switchboard.client.cli.CommandLine} turns arguments into a {@link org.switchboard.client.cli.Command},
 * {@link org.switchboard.client.cli.Main} carries it out with the client library and maps its failures to one line and
 * an exit code; {@link org.switchboard.client.cli.Settings} finds the primary slave and the client's identity, and
 * {@link org.switchboard.client.cli.SessionStore} remembers the sessions this command line opened, with their tokens.
 * Out of scope: anything a program could use without a terminal, which lives in {@code org.switchboard.client}.
 */
package org.switchboard.client.cli;
