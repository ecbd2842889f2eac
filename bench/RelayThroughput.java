import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relay throughput: opens a session of the tcp echo application, streams MEGABYTES through the WebSocket relay and
 * waits until all of it came back. Usage: java bench/RelayThroughput.java [base-url] [megabytes] [frame-kb]
 */
public class RelayThroughput {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        long total = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1024 * 1024;
        int frame = (args.length > 2 ? Integer.parseInt(args[2]) : 256) * 1024;
        HttpClient http = HttpClient.newHttpClient();
        String session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"app\":\"echo\",\"clientId\":\"throughput\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher relay = Pattern.compile("\"relay\":\"([^\"]+)\"").matcher(session);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(session);
        if (!relay.find() || !id.find()) {
            throw new IllegalStateException("no session: " + session);
        }
        AtomicLong received = new AtomicLong();
        CompletableFuture<Void> allBack = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(relay.group(1)), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                if (received.addAndGet(data.remaining()) >= total) {
                    allBack.complete(null);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        byte[] chunk = new byte[frame];
        new java.util.Random(1).nextBytes(chunk);
        long started = System.nanoTime();
        for (long sent = 0; sent < total; sent += frame) {
            socket.sendBinary(ByteBuffer.wrap(chunk, 0, (int) Math.min(frame, total - sent)), true).join();
        }
        long sentAt = System.nanoTime();
        allBack.join();
        long done = System.nanoTime();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/" + id.group(1))).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        double megabytes = total / 1024.0 / 1024.0;
        System.out.printf("%.0f MB through the relay to the echo program and back in %.2f s (frames of %d KB):%n"
                        + "  %.0f MB/s each way (all sent after %.2f s)%n", megabytes, (done - started) / 1e9,
                frame / 1024, megabytes / ((done - started) / 1e9), (sentAt - started) / 1e9);
    }
}
