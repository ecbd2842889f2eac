package org.switchboard.protocol;

import java.util.List;

/**
 * What a slave asks of its load balancing master (patent: 16). The master co-deployed with a slave answers in
 * process; a slave on its own reaches its master over REST. Refusals are {@link Refusal}s.
 */
public interface LoadBalancingMaster {

    /**
     * Selects a processing server and the slave that should serve; when that is the requesting slave, has the server
     * launch the program and answers once it is ready, else answers with a redirect.
     */
    SelectionInstruction select(SelectionRequest request);

    /** Takes a slave's report of its load; the first one registers the slave. */
    void report(SlaveReport report);

    /** A session, for the holder of its token. */
    SessionInfo session(String id, String token);

    /** Ends a session and its program, for the holder of its token. */
    SessionInfo close(String id, String token);

    /** Where a running session's program listens, for the holder of its token: what the relay connects to. */
    RelayTarget relayTarget(String id, String token);

    /** The applications the servers in selection offer. */
    List<String> applications();

    /**
     * A slave deployed with this master hands itself over, so that the master tells it of arriving clients in process
     * rather than over REST. A master elsewhere reaches its slaves at their URLs and needs nothing.
     */
    default void attach(String slave, LoadBalancingSlave here) {
    }
}
