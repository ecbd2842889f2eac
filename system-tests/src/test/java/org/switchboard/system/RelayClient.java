package org.switchboard.system;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A client of the WebSocket relay: sends bytes, collects what the program sends back until the relay closes. */
final class RelayClient implements WebSocket.Listener, AutoCloseable {

    /** One client for every relay of a test JVM: a client of its own per relay would be a selector thread each. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RelayClient(String url) throws Exception {
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), this).get(30, TimeUnit.SECONDS);
    }

    static RelayClient connect(String url) {
        try {
            return new RelayClient(url);
        } catch (Exception e) {
            throw new AssertionError("could not open relay " + url, e);
        }
    }

    /** Sends {@code bytes} in frames of at most {@code frameBytes}, one at a time. */
    RelayClient send(byte[] bytes, int frameBytes) {
        for (int offset = 0; offset < bytes.length; offset += frameBytes) {
            int length = Math.min(frameBytes, bytes.length - offset);
            socket.sendBinary(ByteBuffer.wrap(bytes, offset, length), true).join();
        }
        return this;
    }

    RelayClient send(String text) {
        return send(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Closes the client's side; the relay answers after the program has its bytes. */
    void finish() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    synchronized byte[] received() {
        return received.toByteArray();
    }

    synchronized String text() {
        return received.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Waits until the relay closed the link; returns the close status code. */
    int awaitClosed(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("relay did not close within " + timeout.toSeconds() + " s", e);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (this) {
            received.writeBytes(bytes);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
