package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.master.control.HttpCalls.Answer;
import org.switchboard.protocol.SharedSecret;

/** Calls to a real HTTP server on loopback. */
class HttpCallsTest {

    private static final SharedSecret SECRET = new SharedSecret("a secret of sixteen or more");

    private final HttpCalls calls = new HttpCalls(SECRET, Duration.ofSeconds(2));
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/programs", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            heard.add(exchange.getRequestMethod() + " " + body + " secret:"
                    + SECRET.admits(exchange.getRequestHeaders().getFirst(SharedSecret.HEADER)) + " type:"
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            boolean known = exchange.getRequestMethod().equals("POST");
            byte[] answer = (known ? "{\"pid\":42}" : "{\"error\":\"unknown\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 201 : 404, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/programs";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheSecretAndTheJsonBodyAndReadsTheAnswer() throws IOException {
        Answer answer = calls.call("POST", url, Duration.ofSeconds(5), "{\"app\":\"cat\"}");

        assertThat(answer).isEqualTo(new Answer(201, "{\"pid\":42}"));
        assertThat(answer.successful()).isTrue();
        assertThat(heard).containsExactly("POST {\"app\":\"cat\"} secret:true type:application/json");
    }

    @Test
    void readsTheBodyOfAnError() throws IOException {
        Answer answer = calls.call("DELETE", url + "/nothing", Duration.ofSeconds(5), null);

        assertThat(answer).isEqualTo(new Answer(404, "{\"error\":\"unknown\"}"));
        assertThat(answer.successful()).isFalse();
        assertThat(heard).containsExactly("DELETE  secret:true type:null");
    }

    @Test
    void aPortNobodyListensOnIsAConnectException() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed + "/programs";

        assertThatThrownBy(() -> calls.call("POST", nowhere, Duration.ofSeconds(5), "{}"))
                .isInstanceOf(ConnectException.class);
    }
}
