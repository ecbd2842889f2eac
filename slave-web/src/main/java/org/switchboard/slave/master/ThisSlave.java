package org.switchboard.slave.master;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.SlaveReport;

/**
 * This slave as the master sees it: its name, where clients reach it, its location, its capacity and the relays it
 * carries. Reported with every selection request and at a regular interval ({@link SlaveReports}), so the master
 * can choose it, redirect clients to it, or stop choosing it when it is full or gone.
 */
@ApplicationScoped
public class ThisSlave {

    private static final Logger LOG = Logger.getLogger(ThisSlave.class.getName());

    @Inject
    @ConfigProperty(name = "switchboard.slave.name", defaultValue = "slave")
    String name;
    @Inject
    @ConfigProperty(name = "switchboard.slave.location", defaultValue = "local")
    String location;
    /** Where clients reach this slave; until set, the address of the first request it served. */
    @Inject
    @ConfigProperty(name = "switchboard.slave.url")
    Optional<URI> configuredUrl;
    @Inject
    @ConfigProperty(name = "switchboard.slave.capacity", defaultValue = "1000")
    int capacity;
    @Inject
    @ToMaster
    LoadBalancingMaster master;

    private final AtomicInteger relays = new AtomicInteger();
    private final AtomicReference<String> url = new AtomicReference<>();

    @PostConstruct
    void start() {
        configuredUrl.map(URI::toString).ifPresent(url::set);
    }

    public String name() {
        return name;
    }

    public String location() {
        return location;
    }

    /** This slave's state now; {@code requestBase} stands in for its URL when none is configured. */
    public SlaveReport report(URI requestBase) {
        url.compareAndSet(null, requestBase.toString().replaceFirst("/api/v1/?$", "").replaceFirst("/$", ""));
        return new SlaveReport(name, url.get(), location, capacity, relays.get());
    }

    public void relayOpened() {
        relays.incrementAndGet();
    }

    public void relayClosed() {
        relays.decrementAndGet();
    }

    /** Tells the master how this slave stands now (see {@link SlaveReports} for when). */
    void reportNow() {
        if (url.get() == null) {
            return; // the master cannot send clients here before it knows where here is
        }
        try {
            master.report(new SlaveReport(name, url.get(), location, capacity, relays.get()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "load report to the master failed: {0}", e.getMessage());
        }
    }
}
