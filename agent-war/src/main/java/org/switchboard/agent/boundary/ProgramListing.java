package org.switchboard.agent.boundary;

import java.time.Instant;

import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;

/** A running program as {@code GET /api/programs} lists it. */
public record ProgramListing(String session, String app, String client, long pid, Endpoint endpoint,
                             Instant startedAt) {

    static ProgramListing of(Program program) {
        return new ProgramListing(program.session(), program.application(), program.client(), program.pid(),
                program.endpoint(), program.startedAt());
    }
}
