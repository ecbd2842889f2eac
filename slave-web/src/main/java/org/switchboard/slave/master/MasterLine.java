package org.switchboard.slave.master;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.MasterUrls;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.StdioLink;
import org.switchboard.slave.relay.Arrivals;

/**
 * Decides, once, which master this slave works for: the masters at {@code switchboard.master.url} (one URL, or the
 * members of a master group separated by commas) over REST when that is set, else the master deployed with this
 * slave (in the EAR or the one-WAR packaging), in process. The same decision sets how the master tells this slave of
 * arriving clients: a master elsewhere over REST ({@link ArrivalsResource}), the master deployed here in process,
 * through the {@link Arrivals} handed to it.
 */
@ApplicationScoped
public class MasterLine {

    @Inject
    @ConfigProperty(name = "switchboard.master.url")
    Optional<String> masterUrl;
    @Inject
    @ConfigProperty(name = "switchboard.master.connect-timeout-ms", defaultValue = "1000")
    long connectTimeoutMillis;
    @Inject
    @ConfigProperty(name = "switchboard.master.hand-over-wait-ms", defaultValue = "3000")
    long handOverWaitMillis;
    @Inject
    @ConfigProperty(name = "switchboard.secret")
    Optional<String> secret;
    @Inject
    Instance<LoadBalancingMaster> coDeployed;
    @Inject
    ThisSlave slave;
    @Inject
    Arrivals arrivals;

    @Produces
    @ToMaster
    @ApplicationScoped
    LoadBalancingMaster master() {
        if (masterUrl.isPresent()) {
            return new RemoteMaster(MasterUrls.parse(masterUrl.get()), sharedSecret(),
                    Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(handOverWaitMillis));
        }
        if (coDeployed.isUnsatisfied()) {
            throw new IllegalStateException("no master is deployed with this slave: set switchboard.master.url");
        }
        LoadBalancingMaster here = coDeployed.get();
        here.attach(slave.name(), arrivals::arriving);
        return here;
    }

    /** The secret of the fleet: this slave presents it to a master elsewhere, and a master presents it here. */
    @Produces
    SharedSecret sharedSecret() {
        return new SharedSecret(secret.orElseThrow(() ->
                new IllegalStateException("a slave needs switchboard.secret (for its master and stdio programs)")));
    }

    /** The key to stdio programs' bridges, which admit only relays of the fleet (see {@link StdioLink}). */
    @Produces
    StdioLink stdioLink() {
        return new StdioLink(sharedSecret());
    }
}
