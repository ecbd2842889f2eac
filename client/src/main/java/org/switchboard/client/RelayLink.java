package org.switchboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A link through a slave's WebSocket relay: binary frames carry the bytes both ways. The end of local input closes
 * the WebSocket (the relay then closes the program's input); the relay closes it normally once the program has closed
 * its side and every byte has been sent.
 */
final class RelayLink implements Link {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How long the relay has to answer our close before the link is dropped. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    /** Frames stay well below the relay's 1 MiB message limit. */
    private static final int FRAME_BYTES = 64 * 1024;

    private final HttpClient http;
    private final URI relay;

    RelayLink(HttpClient http, URI relay) {
        this.http = http;
        this.relay = relay;
    }

    @Override
    public void carry(InputStream fromLocal, OutputStream toLocal) {
        Receiver receiver = new Receiver(toLocal);
        WebSocket socket = connect(receiver);
        Thread sender = new Thread(() -> send(fromLocal, socket, receiver), "relay-sender");
        sender.setDaemon(true);
        sender.start();
        Closing closing = receiver.await();
        if (closing.failure() != null) {
            socket.abort();
            throw failed("the relay link failed: " + describe(closing.failure()));
        }
        if (closing.status() != WebSocket.NORMAL_CLOSURE) {
            throw failed("the relay closed the link: " + closing.reason() + " (" + closing.status() + ")");
        }
    }

    private WebSocket connect(Receiver receiver) {
        try {
            return http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(relay, receiver)
                    .get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                Object body = handshake.getResponse().body();
                throw failed("the relay at " + hostOf(relay) + " refused the link ("
                        + handshake.getResponse().statusCode() + (body == null || body.toString().isBlank()
                        ? "" : ": " + body) + ")");
            }
            if (cause instanceof ConnectException || cause instanceof HttpTimeoutException) {
                throw new SwitchboardException(SwitchboardException.Kind.UNREACHABLE, "unreachable",
                        "no slave reachable at " + hostOf(relay) + " for the relay (" + describe(cause) + ")");
            }
            throw failed("could not open the relay at " + hostOf(relay) + ": " + describe(cause));
        } catch (TimeoutException e) {
            throw failed("the relay at " + hostOf(relay) + " did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while opening the relay");
        }
    }

    /** Local input to the relay, one frame at a time; its end closes our side of the WebSocket. */
    private static void send(InputStream fromLocal, WebSocket socket, Receiver receiver) {
        byte[] buffer = new byte[FRAME_BYTES];
        try {
            int read;
            while ((read = fromLocal.read(buffer)) >= 0) {
                if (read > 0) {
                    socket.sendBinary(ByteBuffer.wrap(buffer, 0, read), true).join();
                }
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "client done").join();
            receiver.closeAfter(CLOSE_TIMEOUT, socket);
        } catch (IOException | RuntimeException e) {
            // the relay closed first (the program ended) or the local side broke: either way, nothing more to send
            if (!socket.isOutputClosed()) {
                socket.abort();
                receiver.failed(e);
            }
        }
    }

    private static SwitchboardException failed(String message) {
        return new SwitchboardException(SwitchboardException.Kind.LINK_FAILED, "link-failed", message);
    }

    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private record Closing(int status, String reason, Throwable failure) {
    }

    /** The relay's frames to local output, in order; completes when the relay closes or fails. */
    private static final class Receiver implements WebSocket.Listener {

        private final OutputStream toLocal;
        private final CompletableFuture<Closing> closed = new CompletableFuture<>();

        Receiver(OutputStream toLocal) {
            this.toLocal = toLocal;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            try {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                toLocal.write(bytes);
                toLocal.flush();
                socket.request(1);
            } catch (IOException e) {
                socket.abort();
                failed(e);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(new Closing(status, reason, null));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            failed(error);
        }

        void failed(Throwable error) {
            closed.complete(new Closing(-1, null, error));
        }

        /** After our close: the relay's close is awaited for so long, then the link is dropped as if it came. */
        void closeAfter(Duration timeout, WebSocket socket) {
            closed.completeOnTimeout(new Closing(WebSocket.NORMAL_CLOSURE, "no close from the relay", null),
                    timeout.toMillis(), TimeUnit.MILLISECONDS).thenRun(socket::abort);
        }

        Closing await() {
            try {
                return closed.get();
            } catch (ExecutionException e) {
                return new Closing(-1, null, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Closing(-1, null, e);
            }
        }
    }
}
