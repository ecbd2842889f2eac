package org.switchboard.protocol;

import java.util.List;

/**
 * What a slave asks of its load balancing master (patent: 16). The master co-deployed with a slave answers in
 * process; a slave on its own reaches its master over REST. Refusals are {@link Refusal}s.
 */
public interface LoadBalancingMaster {

    /** Selects a processing server, has it launch the program, and answers once the program is ready. */
    SessionOpened open(SelectionRequest request);

    /** A session, for the holder of its token. */
    SessionInfo session(String id, String token);

    /** Ends a session and its program, for the holder of its token. */
    SessionInfo close(String id, String token);

    /** Where a running session's program listens, for the holder of its token: what the relay connects to. */
    Endpoint relayTarget(String id, String token);

    /** The applications the servers in selection offer. */
    List<String> applications();
}
