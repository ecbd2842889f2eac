package org.switchboard.master.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The master's one JSON-B instance: its REST API reads and writes the messages with it (master-web resolves JSON-B to
 * it), it talks to agents with it, and a member of a master group that does not decide rehearses with it. Yasson makes
 * its model of a class once per instance, at the first message of the class: with one instance, a rehearsal makes the
 * models before a take-over needs them (made at a take-over, the first answers waited 0.1-0.2 s for them on a busy
 * machine).
 */
@ApplicationScoped
public class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    private final Jsonb json = JsonbBuilder.create();

    public Jsonb json() {
        return json;
    }

    @PreDestroy
    void close() {
        try {
            json.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not close JSON-B", e);
        }
    }
}
