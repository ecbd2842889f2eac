package org.switchboard.master.control;

import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.switchboard.protocol.Arrival;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.LoadBalancingSlave;
import org.switchboard.protocol.RelayTarget;

/**
 * The master's side of arrow 653 to slaves (patent Fig. 7): tells the slave it chose for a redirected client that the
 * client's program runs. A slave deployed with the master has attached itself and hears it in process; any other
 * over REST ({@code POST {slave}/api/v1/slave/arrivals}, authenticated with the shared secret). A notice that fails
 * is logged and otherwise ignored: the slave then links the client when it arrives, as without the notice. Through the
 * master's {@link HttpCalls}, with the JSON-B instance of its REST API.
 */
public final class ArrivalNotices {

    private static final Logger LOG = Logger.getLogger(ArrivalNotices.class.getName());
    /** A slave that is slow to take a notice only delays the notice. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpCalls http;
    private final Jsonb json;
    private final Map<String, LoadBalancingSlave> inProcess = new ConcurrentHashMap<>();

    /** @param http for slaves on their own */
    public ArrivalNotices(HttpCalls http, Jsonb json) {
        this.http = http;
        this.json = json;
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
            HttpCalls.Answer response = http.call("POST", url.replaceAll("/+$", "") + "/api/v1/slave/arrivals",
                    CALL_TIMEOUT, json.toJson(arrival));
            if (!response.successful()) {
                throw new IllegalStateException("it answered " + response.status() + ": " + response.body());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "slave " + name + " did not take the arrival of session " + arrival.program().session()
                    + " (it links the client when it comes): " + e);
        }
    }

    /** Writes a notice as {@link #tell} does, without sending it (see {@code SelectionFlow#rehearse}). */
    public void rehearse() {
        json.toJson(new Arrival(new RelayTarget("rehearsal", new Endpoint("127.0.0.1", 1), RelayTarget.STDIO),
                "rehearsal", 1));
    }
}
