package org.switchboard.slave.relay;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.protocol.LoadBalancingMaster;
import org.switchboard.protocol.StdioLink;
import org.switchboard.slave.master.ThisSlave;
import org.switchboard.slave.master.ToMaster;

/** {@code /relay/{id}?token=...}: links a client's WebSocket to its program's TCP endpoint. */
@ServerEndpoint("/relay/{id}")
public class RelayEndpoint {

    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class.getName());
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    @Inject
    @ToMaster
    LoadBalancingMaster master;
    @Resource
    ManagedThreadFactory threads;
    @Inject
    ThisSlave slave;
    @Inject
    StdioLink stdioLink;
    @Inject
    Arrivals arrivals;

    private Link link;

    /**
     * Takes the link prepared before the client arrived, if there is one for this session and token (the
     * {@link RelayAccessFilter} has had the master check the token and that the session runs); else asks the master
     * where the program is and connects to it now.
     */
    @OnOpen
    public void open(Session client, @PathParam("id") String id) throws IOException {
        List<String> tokens = client.getRequestParameterMap().get("token");
        String token = tokens == null || tokens.isEmpty() ? null : tokens.get(0);
        client.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        Optional<PreparedLinks.PreparedLink> prepared = arrivals.claim(id, token);
        if (prepared.isPresent()) {
            link = Link.over(client, prepared.get().socket(), prepared.get().program(), threads, slave::relayed);
        } else {
            link = Link.open(client, master.relayTarget(id, token), stdioLink, threads, slave::relayed);
        }
        slave.relayOpened();
    }

    @OnMessage
    public void fromClient(ByteBuffer bytes) throws IOException {
        link.toProgram(bytes);
    }

    @OnMessage
    public void fromClient(String text) throws IOException {
        link.toProgram(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A clean close (normal closure) ends the program's input; any other close, and a client that vanished without
     * one, is a link that dropped.
     */
    @OnClose
    public void closed(CloseReason reason) {
        if (link != null) {
            if (reason.getCloseCode().getCode() == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()) {
                link.clientClosed();
            } else {
                link.clientDropped();
            }
            slave.relayClosed();
        }
    }

    @OnError
    public void failed(Session client, Throwable error) {
        LOG.log(Level.FINE, "relay failed", error);
    }
}
