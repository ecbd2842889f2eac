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

/**
 * Decides, once, which master this slave works for: the masters at {@code switchboard.master.url} (one URL, or the
 * members of a master group separated by commas) over REST when that is set, else the master deployed with this
 * slave (in the EAR or the one-WAR packaging), in process.
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

    @Produces
    @ToMaster
    @ApplicationScoped
    LoadBalancingMaster master() {
        if (masterUrl.isPresent()) {
            return new RemoteMaster(MasterUrls.parse(masterUrl.get()), new SharedSecret(secret.orElseThrow(() ->
                    new IllegalStateException("a slave with switchboard.master.url needs switchboard.secret"))),
                    Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(handOverWaitMillis));
        }
        if (coDeployed.isUnsatisfied()) {
            throw new IllegalStateException("no master is deployed with this slave: set switchboard.master.url");
        }
        return coDeployed.get();
    }

    /** The key to stdio programs' bridges, which admit only relays of the fleet (see {@link StdioLink}). */
    @Produces
    StdioLink stdioLink() {
        return new StdioLink(new SharedSecret(secret.orElseThrow(() ->
                new IllegalStateException("a slave needs switchboard.secret to link to stdio programs"))));
    }
}
