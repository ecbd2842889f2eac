package org.switchboard.master.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.switchboard.protocol.SharedSecret;

/**
 * The master's calls to agents and slaves over HTTP/1.1, authenticated with the shared secret: synchronous, on the
 * caller's thread, through the JDK's {@link HttpURLConnection}, whose connections the JDK keeps alive between calls.
 * <p>
 * Not the JDK's {@code HttpClient}: its synchronous {@code send} hands each exchange between the caller, its selector
 * thread and its worker threads; with every selection a redirect (a launch order and an arrival notice each), the
 * master served about a third of the selections a second it serves with this (docs/measurements.md).
 */
public final class HttpCalls {

    /** What a call was answered: the status and the body ({@code ""} when there is none). */
    public record Answer(int status, String body) {

        public boolean successful() {
            return status / 100 == 2;
        }
    }

    private final SharedSecret secret;
    private final int connectTimeoutMillis;

    /** @param connectTimeout how long a connection may take to open */
    public HttpCalls(SharedSecret secret, Duration connectTimeout) {
        this.secret = secret;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
    }

    /**
     * Calls {@code url} with {@code method} and, unless null, a JSON {@code body}; waits at most {@code timeout} for
     * each part of the answer.
     *
     * @throws IOException when the call could not be made or its answer not read
     */
    public Answer call(String method, String url, Duration timeout, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout(Math.toIntExact(timeout.toMillis()));
        connection.setRequestMethod(method);
        connection.setUseCaches(false);
        connection.setRequestProperty(SharedSecret.HEADER, secret.header());
        connection.setRequestProperty("Accept", "application/json");
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        // read to the end and closed: the connection goes back to the JDK's keep-alive cache
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
