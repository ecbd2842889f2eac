package org.switchboard.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small JSON-over-HTTP client for the public and admin API. */
final class Api {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(String base) {
        this.base = base;
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Ends a session as its owner, with the token its relay URL carries. */
    Reply end(JsonObject session) {
        return send(HttpRequest.newBuilder(uri("/api/v1/sessions/" + session.getString("id")))
                .header("Authorization", "Bearer " + token(session)).DELETE());
    }

    static String token(JsonObject session) {
        String relay = session.getString("relay");
        return relay.substring(relay.indexOf("token=") + "token=".length());
    }

    /** An operator's call: {@code method} with no body, with the shared secret when one is given. */
    Reply operator(String method, String path, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return send(request);
    }

    /** A message from an agent or a slave to the master: {@code json} posted with the shared secret. */
    Reply post(String path, String json, String secret) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + secret).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Opens a session and insists on 201. */
    JsonObject open(String app, String client, String location) {
        String json = Json.createObjectBuilder().add("app", app).add("clientId", client)
                .add("location", location == null ? "" : location).build().toString();
        Reply reply = post("/api/v1/sessions", json);
        if (reply.status() != 201) {
            throw new AssertionError("expected 201 for " + json + ", got " + reply.status() + ": " + reply.body());
        }
        return reply.object();
    }

    /** Whether an application answers at {@code url}: anything but a 404 (not deployed yet) or a server error. */
    static boolean answers(String url) {
        try {
            HttpResponse<Void> response = PROBE.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() < 500 && response.statusCode() != 404;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Location"),
                    response.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body, Optional<String> location, Optional<String> retryAfter) {

        JsonStructure json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        JsonObject object() {
            return (JsonObject) json();
        }

        JsonArray array() {
            return (JsonArray) json();
        }
    }
}
