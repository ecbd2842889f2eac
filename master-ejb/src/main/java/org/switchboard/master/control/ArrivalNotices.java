package org.switchboard.master.control;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.LoadBalancingSlave;
import org.switchboard.protocol.SharedSecret;

/**
 * The master's side of arrow 653 to slaves (patent Fig. 7): tells the slave it chose for a redirected client that the
 * client's program runs. A slave deployed with the master has attached itself and hears it in process; any other
 * over REST ({@code POST {slave}/api/v1/slave/arrivals}, authenticated with the shared secret). A notice that fails
 * is logged and otherwise ignored: the slave then links the client when it arrives, as without the notice.
 */
public final class ArrivalNotices {

    private static final Logger LOG = Logger.getLogger(ArrivalNotices.class.getName());

    private final Client client;
    private final SharedSecret secret;
    private final Map<String, LoadBalancingSlave> inProcess = new ConcurrentHashMap<>();

    /** @param client for slaves on their own; its timeouts bound how long a notice may take */
    public ArrivalNotices(Client client, SharedSecret secret) {
        this.client = client;
        this.secret = secret;
    }

    /** The slave named {@code name} runs in this process: it hears of its arrivals by a call. */
    public void attach(String name, LoadBalancingSlave slave) {
        inProcess.put(name, slave);
    }

    /** Tells slave {@code name} at {@code url} of {@code arrival}; never throws. */
    public void tell(String name, String url, Arrival arrival) {
        try {
            LoadBalancingSlave here = inProcess.get(name);
            if (here != null) {
                here.arriving(arrival);
                return;
            }
            try (Response response = client.target(url).path("api/v1/slave/arrivals").request()
                    .header(SharedSecret.HEADER, secret.header()).post(Entity.json(arrival))) {
                if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                    throw new IllegalStateException("it answered " + response.getStatus() + ": "
                            + response.readEntity(String.class));
                }
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "slave " + name + " did not take the arrival of session " + arrival.program().session()
                    + " (it links the client when it comes): " + e.getMessage());
        }
    }
}
