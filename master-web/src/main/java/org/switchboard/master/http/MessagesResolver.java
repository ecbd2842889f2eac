package org.switchboard.master.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.switchboard.master.control.Messages;

/** The REST API reads and writes its messages with the master's one JSON-B instance ({@link Messages}). */
@Provider
@ApplicationScoped
public class MessagesResolver implements ContextResolver<Jsonb> {

    @Inject
    Messages messages;

    @Override
    public Jsonb getContext(Class<?> type) {
        return messages.json();
    }
}
