package org.switchboard.client.cli;

/** What the command line was asked to do; options not given are null (or false). */
sealed interface Command {

    /**
     * {@code run APP}: links to the running session of the app this command line opened for the client, else (or
     * with {@code --new}, {@code fresh}) opens a session and links to it.
     */
    record Run(String app, String slave, String client, String location, Integer forward, boolean direct,
               boolean fresh) implements Command {
    }

    /** {@code attach ID}: links to a session this command line opened, through its slave or {@code slave}. */
    record Attach(String id, String slave, Integer forward, boolean direct) implements Command {
    }

    /** {@code ls}: the sessions this command line opened, each as the slave sees it now. */
    record ListSessions(String slave) implements Command {
    }

    /** {@code rm ID}: ends a session and forgets it. */
    record Remove(String id, String slave) implements Command {
    }

    /** {@code apps}: the applications the slave offers. */
    record Applications(String slave) implements Command {
    }

    record Help() implements Command {
    }
}
