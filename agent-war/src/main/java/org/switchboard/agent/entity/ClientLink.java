package org.switchboard.agent.entity;

import java.io.Closeable;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** How a program's client reaches it, as far as the agent can see: whether one connected, and what to close after. */
public interface ClientLink extends Closeable {

    /** Whether a client is connected now, or has been; a program nobody connects to is ended after a while. */
    boolean clientConnected();

    /**
     * Since when the client is gone, after it had connected: nobody is linked and the program waits for the client
     * to come back. Empty while a client is linked, before the first, and for links the agent cannot watch.
     */
    default Optional<Instant> clientGoneSince() {
        return Optional.empty();
    }

    /** Bytes through the link either way so far; empty when the agent is not in the link's path. */
    default OptionalLong relayedBytes() {
        return OptionalLong.empty();
    }

    /** A pooled program was handed to {@code session}: a link that checks who connects admits its client now. */
    default void handedTo(String session) {
        // links that check nobody have nothing to change
    }

    /** Closes what the agent opened for the program (a listening socket); never fails. */
    @Override
    void close();

    /** For programs the agent cannot watch: counts as connected, so they are never ended as orphans. */
    static ClientLink unwatched() {
        return new ClientLink() {
            @Override
            public boolean clientConnected() {
                return true;
            }

            @Override
            public void close() {
                // nothing was opened
            }
        };
    }
}
