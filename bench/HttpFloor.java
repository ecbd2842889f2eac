import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What one Payara instance answers per second on this machine when the request does (almost) nothing, driven the way
 * {@code SelectionLoad.java} drives the master: the same client, threads and connections. It puts the selections per
 * second in proportion — a selection cannot be cheaper than the HTTP request that carries it.
 * <p>
 * Three requests: {@code GET /health} (Payara's own servlet, no JAX-RS), {@code GET /api/v1/master/admin/slaves}
 * (JAX-RS, the master's state as JSON) and {@code POST /api/v1/master/slaves} (JAX-RS with the shared secret and a
 * JSON body: a slave's load report, the cheapest message a master takes in).
 *
 * Usage: java bench/HttpFloor.java http://127.0.0.1:8080 SECRET [seconds, 15] [threads, 8]
 */
public class HttpFloor {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SLAVE_REPORT = """
            {"name":"floor-bench","url":"http://127.0.0.1:9/floor-bench","location":"eu/de","capacity":10,"relays":0,
             "relayBytesPerSecond":0,"requestsPerSecond":0}""";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        List<HttpRequest> requests = List.of(
                HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
                HttpRequest.newBuilder(URI.create(base + "/api/v1/master/admin/slaves")).GET().build(),
                HttpRequest.newBuilder(URI.create(base + "/api/v1/master/slaves"))
                        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(SLAVE_REPORT)).build());
        for (HttpRequest request : requests) {
            run(request, 5, threads); // warm-up
            long[] latencies = run(request, seconds, threads);
            Arrays.sort(latencies);
            System.out.printf("%-4s %-32s %d threads: %.0f requests/s; p50 %.2f ms, p99 %.2f ms%n", request.method(),
                    request.uri().getPath(), threads, latencies.length / (double) seconds,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
        }
    }

    private static long[] run(HttpRequest request, int seconds, int threads) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> workers = pool.invokeAll(java.util.Collections.nCopies(threads, () -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() >= 300) {
                        throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": "
                                + answer.body());
                    }
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
}
