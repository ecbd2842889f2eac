import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What one Payara instance answers per second on this machine when the request does (almost) nothing, driven the way
 * {@code SelectionLoad.java} drives the master: the same client ({@link HttpURLConnection}, kept-alive connections),
 * threads and connections. It puts the selections per second in proportion — a selection cannot be cheaper than the
 * HTTP request that carries it.
 * <p>
 * Three requests: {@code GET /health} (Payara's own servlet, no JAX-RS), {@code GET /api/v1/master/admin/slaves}
 * (JAX-RS, the master's state as JSON) and {@code POST /api/v1/master/slaves} (JAX-RS with the shared secret and a
 * JSON body: a slave's load report, the cheapest message a master takes in).
 *
 * Usage: java bench/HttpFloor.java http://127.0.0.1:8080 SECRET [seconds, 15] [threads, 8]
 */
public class HttpFloor {

    private static final String SLAVE_REPORT = """
            {"name":"floor-bench","url":"http://127.0.0.1:9/floor-bench","location":"eu/de","capacity":10,"relays":0,
             "relayBytesPerSecond":0,"requestsPerSecond":0}""";

    /** A request: {@code body} null for a GET. */
    private record Request(String method, String url, String secret, String body) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        List<Request> requests = List.of(
                new Request("GET", base + "/health", null, null),
                new Request("GET", base + "/api/v1/master/admin/slaves", null, null),
                new Request("POST", base + "/api/v1/master/slaves", secret, SLAVE_REPORT));
        for (Request request : requests) {
            run(request, 5, threads); // warm-up
            long[] latencies = run(request, seconds, threads);
            Arrays.sort(latencies);
            System.out.printf("%-4s %-32s %d threads: %.0f requests/s; p50 %.2f ms, p99 %.2f ms%n", request.method(),
                    URI.create(request.url()).getPath(), threads, latencies.length / (double) seconds,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
        }
    }

    private static long[] run(Request request, int seconds, int threads) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> workers = pool.invokeAll(java.util.Collections.nCopies(threads, () -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    send(request);
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            }));
            for (Future<Object> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private static void send(Request request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(request.url()).toURL()
                .openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(request.method());
        if (request.secret() != null) {
            connection.setRequestProperty("Authorization", "Bearer " + request.secret());
        }
        if (request.body() != null) {
            byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status >= 300) {
                throw new IllegalStateException(request.url() + " answered " + status + ": " + answer);
            }
        }
    }
}
