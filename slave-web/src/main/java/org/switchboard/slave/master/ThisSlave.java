package org.switchboard.slave.master;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.SlaveReport;

/**
 * This slave as the master sees it: its name, where clients reach it, its location, its capacity, the relays it
 * carries, the bytes it relays and the requests it receives per second. Reported with every selection request and at a regular interval ({@link SlaveReports}), so the master
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
    private final LongAdder relayedBytes = new LongAdder();
    private final LongAdder requests = new LongAdder();
    /** The counters at the last periodic report and the rates since the one before, for every report until the next. */
    private final AtomicReference<Rates> rates = new AtomicReference<>(new Rates(System.nanoTime(), 0, 0, 0, 0));

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
        return current(rates.get());
    }

    private SlaveReport current(Rates rates) {
        return new SlaveReport(name, url.get(), location, capacity, relays.get(), rates.bytesPerSecond(),
                rates.requestsPerSecond());
    }

    /** A client asked this slave for a session. */
    public void requested() {
        requests.increment();
    }

    /** {@code bytes} went through one of this slave's relays, either way. */
    public void relayed(long bytes) {
        relayedBytes.add(bytes);
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
        Rates now = rates.updateAndGet(last -> last.next(System.nanoTime(), relayedBytes.sum(), requests.sum()));
        try {
            master.report(current(now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "load report to the master failed: {0}", e.getMessage());
        }
    }

    /** Counter readings at {@code nanos} and the rates over the interval that ended there. */
    private record Rates(long nanos, long bytes, long requests, double bytesPerSecond, double requestsPerSecond) {

        Rates next(long nowNanos, long bytesNow, long requestsNow) {
            double seconds = Math.max(nowNanos - nanos, 1) / 1e9;
            return new Rates(nowNanos, bytesNow, requestsNow, (bytesNow - bytes) / seconds,
                    (requestsNow - requests) / seconds);
        }
    }
}
