package org.switchboard.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a slave (or a misbehaving one) on 127.0.0.1: answers every request with what {@link Answerer} says and
 * remembers the requests. Only for what a real slave will not do, such as redirecting in a loop.
 */
public final class FakeSlave implements AutoCloseable {

    /** What the fake answers to one request. */
    public interface Answerer {
        Answer answer(Request request);
    }

    public record Request(String method, String path, String body, String authorization) {
    }

    public record Answer(int status, String body, Map<String, String> headers) {

        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        public Answer with(String header, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(header, value);
            return new Answer(status, body, more);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Answerer answerer = request -> Answer.json(500, "{}");

    public FakeSlave() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public FakeSlave answering(Answerer answerer) {
        this.answerer = answerer;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String sessions() {
        return url() + "/api/v1/sessions";
    }

    public List<Request> requests() {
        return requests;
    }

    /** A {@code 307} to {@code slave}'s sessions with {@code ticket}, as a real slave words it. */
    public static Answer redirectTo(FakeSlave slave, String ticket) {
        return Answer.json(307, "{\"redirect\":\"" + slave.sessions() + "\",\"ticket\":\"" + ticket
                + "\",\"slave\":\"other\",\"server\":\"fra\"}").with("Location", slave.sessions());
    }

    /** A {@code 201} as a real slave answers it, for session {@code id} with token {@code token}. */
    public Answer opened(String id, String token) {
        return Answer.json(201, """
                {"id":"%s","app":"cat","clientId":"me","server":{"name":"fra","location":"eu/de/fra"},
                 "slave":{"name":"edge","location":"eu/de"},"pid":4242,"endpoint":{"host":"127.0.0.1","port":4711},
                 "link":"relay","relay":"ws://127.0.0.1:%d/relay/%s?token=%s","state":"running",
                 "decision":{"candidates":[{"server":"fra","score":0.5}]},"createdAt":"2026-01-01T00:00:00Z"}
                """.formatted(id, server.getAddress().getPort(), id, token))
                .with("Location", sessions() + "/" + id);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(request);
            Answer answer = answerer.answer(request);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
