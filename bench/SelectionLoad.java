import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Selections per second of a master over HTTP, as its slaves would send them: {@code POST /api/v1/master/selections}
 * with the shared secret, from {@code threads} connections at once for {@code seconds}. Each request is a real
 * selection (a server among 20, then the slave: another slave nearer the client, so the answer is a redirect with a
 * signed ticket, recorded in the request history). For a redirect the master launches the program on the chosen
 * server at once and tells the chosen slave (patent Fig. 7, arrow 653): both go to a stand-in inside this bench that
 * answers at once — real agents could not start thousands of programs a second on this machine, and no program's
 * start time belongs in the figure — so the master's whole part of a redirect is measured, HTTP calls out included.
 * The bench registers the 20 servers and the two slaves itself and keeps them reporting.
 *
 * Usage: java bench/SelectionLoad.java http://127.0.0.1:8080 SECRET [seconds, 20] [threads, 8]
 */
public class SelectionLoad {

    private static final int SERVERS = 20;

    private static final Pattern SESSION = Pattern.compile("\"session\"\\s*:\\s*\"([^\"]+)\"");
    /** Where the stand-in for the agents and the slaves listens: {@code http://127.0.0.1:port}. */
    private static String standIn;

    public static void main(String[] args) throws Exception {
        String master = args[0] + "/api/v1/master";
        String secret = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        HttpServer agentsAndSlaves = standIn();
        standIn = "http://127.0.0.1:" + agentsAndSlaves.getAddress().getPort();

        for (int i = 0; i < SERVERS; i++) {
            expectSuccess(post(master + "/servers", secret, """
                    {"server":"bench-%d","agentUrl":"%s/agent","location":"%s","capacity":1000000,
                     "applications":["bench-app"]}""".formatted(i, standIn, i % 2 == 0 ? "eu/de/fra" : "us/ny/nyc")));
        }
        report(master, secret); // the slaves are known before the first selection
        ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reports");
            thread.setDaemon(true);
            return thread;
        });
        reports.scheduleWithFixedDelay(() -> report(master, secret), 0, 250, TimeUnit.MILLISECONDS);

        // warm-up, then the measured run
        run(master, secret, 5, threads);
        long[] latencies = run(master, secret, seconds, threads);
        reports.shutdownNow();
        agentsAndSlaves.stop(0);

        Arrays.sort(latencies);
        System.out.printf("%d selections in %d s from %d threads: %.0f selections/s; latency p50 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms%n", latencies.length, seconds, threads, latencies.length / (double) seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
    }

    private static void report(String master, String secret) {
        try {
            for (int i = 0; i < SERVERS; i++) {
                post(master + "/servers/bench-" + i + "/load", secret, """
                        {"server":"bench-%d","cpuLoad":0.1,"memoryLoad":0.1,"programs":0,"capacityUsed":0,
                         "launchOrders":0}""".formatted(i));
            }
            post(master + "/slaves", secret, slave("bench-near", "eu/de"));
            post(master + "/slaves", secret, slave("bench-far", "us/ny"));
        } catch (Exception e) {
            System.err.println("report failed: " + e);
        }
    }

    private static String slave(String name, String location) {
        return """
                {"name":"%s","url":"%s/%s","location":"%s","capacity":10000000,"relays":0,
                 "relayBytesPerSecond":0,"requestsPerSecond":0}""".formatted(name, standIn, name, location);
    }

    /**
     * The agents' and slaves' side of the master's calls, answered at once: a launch with a made-up process and
     * endpoint, a stop with 204, anything else (a slave's arrival notice) with 204.
     */
    private static HttpServer standIn() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        AtomicLong pids = new AtomicLong(100_000);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher session = SESSION.matcher(body);
                if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath()
                        .endsWith("/agent/api/programs") && session.find()) {
                    byte[] launched = """
                            {"session":"%s","pid":%d,"endpoint":{"host":"127.0.0.1","port":9},"kind":"tcp"}"""
                            .formatted(session.group(1), pids.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(201, launched.length);
                    exchange.getResponseBody().write(launched);
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private static long[] run(String master, String secret, int seconds, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong clients = new AtomicLong();
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < deadline) {
                    String request = """
                            {"app":"bench-app","clientId":"client-%d","location":"eu/de/ber","slave":%s}"""
                            .formatted(clients.incrementAndGet(), slave("bench-far", "us/ny"));
                    long started = System.nanoTime();
                    Answer answer = post(master + "/selections", secret, request);
                    long took = System.nanoTime() - started;
                    if (answer.statusCode() != 200 || !answer.body().contains("\"redirect\"")) {
                        throw new IllegalStateException("expected a redirect, got " + answer.statusCode() + ": "
                                + answer.body());
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            all.add(result.get());
        }
        pool.shutdown();
        return all.stream().flatMapToLong(Arrays::stream).toArray();
    }

    /**
     * A call on the calling thread through the JDK's {@link HttpURLConnection} (kept-alive connections): of the JDK's
     * clients the one that leaves the most of the two cores to the master (docs/measurements.md).
     */
    private static Answer post(String url, String secret, String json) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Authorization", "Bearer " + secret);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record Answer(int statusCode, String body) {
    }

    private static void expectSuccess(Answer answer) {
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("registration refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
