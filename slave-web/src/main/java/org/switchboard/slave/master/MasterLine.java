package org.switchboard.slave.master;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.StdioLink;

/**
 * Decides, once, which master this slave works for: the master at {@code switchboard.master.url} over REST when
 * that is set, else the master deployed with this slave (in the EAR or the one-WAR packaging), in process.
 */
@ApplicationScoped
public class MasterLine {

    @Inject
    @ConfigProperty(name = "switchboard.master.url")
    Optional<URI> masterUrl;
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
            return new RemoteMaster(masterUrl.get(), new SharedSecret(secret.orElseThrow(() ->
                    new IllegalStateException("a slave with switchboard.master.url needs switchboard.secret"))));
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
