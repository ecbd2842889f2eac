package org.switchboard.master.http;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.switchboard.master.control.Messages;

/**
 * The REST API reads and writes its messages with the master's one JSON-B instance ({@link Messages}). Registered as
 * an instance ({@link MasterApi#getSingletons}), not as a class: Payara wraps the JSON-B resolvers it finds, and makes
 * those registered as classes on the first requests, from each request thread at once without a lock, so the first
 * concurrent requests of a newly started master failed now and then with a {@code ConcurrentModificationException}
 * (Payara 6.2025.9, {@code org.glassfish.weld.JaxRSJsonContextResolver}).
 */
@Provider
public class MessagesResolver implements ContextResolver<Jsonb> {

    private volatile Jsonb json;

    @Override
    public Jsonb getContext(Class<?> type) {
        Jsonb known = json;
        if (known == null) { // the same instance whoever looks it up first
            known = CDI.current().select(Messages.class).get().json();
            json = known;
        }
        return known;
    }
}
