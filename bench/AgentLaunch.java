import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Launch latency and leak checks straight against one agent (no master): {@code java bench/AgentLaunch.java <agent
 * url> <secret> <mode> ...}, the agent on this machine.
 * <ul>
 * <li>{@code launch <app> <n> [pause ms]}: n sequential launches, each deleted right after its 201, with a pause
 * before each (a pace the pool can refill at); request → 201 in ms, for all and for those answered with a program
 * started before the request (warm pool hits).</li>
 * <li>{@code list <n>}: n sequential {@code GET /programs}: what any call to the agent costs.</li>
 * <li>{@code direct <n> <command...>}: the program's own start time, without the agent: n times start the command
 * through setsid, as the agent does, and wait until it runs ({@code /proc/<pid>/exe} is the program) or, when an
 * argument has {@code {port}}, until it accepts connections on that port.</li>
 * <li>{@code storm <app> <n> <parallel> <wait s>}: n launches, {@code parallel} at a time, to which no client ever
 * connects; then waits up to {@code wait} seconds until the agent lists no program and no process of any launched
 * program's session is left (read from /proc here).</li>
 * </ul>
 */
public class AgentLaunch {

    private static final Pattern PID = Pattern.compile("\"pid\":([0-9]+)");

    public static void main(String[] args) throws Exception {
        URI agent = URI.create(args[0].replaceAll("/+$", "") + "/api/programs");
        String secret = args[1];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        switch (args[2]) {
            case "launch" -> launch(http, agent, secret, args[3], Integer.parseInt(args[4]),
                    args.length > 5 ? Long.parseLong(args[5]) : 0);
            case "list" -> list(http, agent, secret, Integer.parseInt(args[3]));
            case "direct" -> direct(Integer.parseInt(args[3]), List.of(args).subList(4, args.length));
            case "storm" -> storm(http, agent, secret, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("mode launch, list, direct or storm, not " + args[2]);
        }
    }

    private static void launch(HttpClient http, URI agent, String secret, String app, int n, long pauseMillis)
            throws Exception {
        // this JVM's own HTTP client is cold: its first few hundred requests would time the client, not the agent
        for (int i = 0; i < 500; i++) {
            http.send(authorized(agent, secret).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        List<Double> all = new ArrayList<>();
        List<Double> hits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread.sleep(pauseMillis); // a pace the pool can refill at, not a wait for something
            String session = UUID.randomUUID().toString();
            long asked = ticksSinceBoot();
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(post(agent, secret, session, app),
                    HttpResponse.BodyHandlers.ofString());
            double millis = (System.nanoTime() - start) / 1e6;
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("launch " + i + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            all.add(millis);
            if (startedAt(pid(answer.body())) < asked - 1) { // clock ticks of 10 ms
                hits.add(millis);
            }
            http.send(authorized(agent.resolve("programs/" + session), secret).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        System.out.printf("%s: %d launches, %d answered with a program started before the request (pool hits)%n",
                app, n, hits.size());
        summary("request -> 201, all", all);
        if (!hits.isEmpty()) {
            summary("request -> 201, pool hits", hits);
        }
    }

    private static void list(HttpClient http, URI agent, String secret, int n) throws Exception {
        for (int i = 0; i < 500; i++) { // this JVM's own HTTP client is cold, as in launch
            http.send(authorized(agent, secret).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            http.send(authorized(agent, secret).GET().build(), HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1e6);
        }
        summary("GET /programs, the agent's HTTP floor", millis);
    }

    private static void direct(int n, List<String> command) throws Exception {
        List<Double> millis = new ArrayList<>();
        boolean tcp = command.stream().anyMatch(argument -> argument.contains("{port}"));
        String program = Path.of(command.get(0)).getFileName().toString();
        for (int i = 0; i < n; i++) {
            int port = freePort();
            List<String> inItsOwnSession = new ArrayList<>(List.of("setsid"));
            command.forEach(argument -> inItsOwnSession.add(argument.replace("{port}", Integer.toString(port))));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(inItsOwnSession).redirectErrorStream(true).start();
            if (tcp) {
                while (!accepts(port)) {
                    Thread.sleep(1);
                }
            } else {
                Path exe = Path.of("/proc", Long.toString(process.pid()), "exe");
                while (!Files.readSymbolicLink(exe).getFileName().toString().equals(program)) {
                    Thread.onSpinWait();
                }
            }
            millis.add((System.nanoTime() - start) / 1e6);
            process.destroyForcibly().waitFor();
        }
        summary("start until the program " + (tcp ? "accepts" : "runs") + " " + command, millis);
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void storm(HttpClient http, URI agent, String secret, String app, int n, int parallel, int waitSeconds)
            throws Exception {
        Set<Long> sessions = ConcurrentHashMap.newKeySet();
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Integer>> launches = new ArrayList<>();
        long stormStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            launches.add(pool.submit(() -> {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(post(agent, secret, UUID.randomUUID().toString(), app),
                        HttpResponse.BodyHandlers.ofString());
                millis.add((System.nanoTime() - start) / 1e6);
                if (answer.statusCode() == 201) {
                    sessions.add(pid(answer.body())); // each program leads a session whose id is its pid
                }
                return answer.statusCode();
            }));
        }
        int launched = 0;
        for (Future<Integer> launch : launches) {
            launched += launch.get() == 201 ? 1 : 0;
        }
        pool.shutdown();
        double stormSeconds = (System.nanoTime() - stormStart) / 1e9;
        System.out.printf("%d of %d launches answered 201 in %.1f s; processes of their sessions alive then: %d%n",
                launched, n, stormSeconds, live(sessions));
        summary("request -> 201 under the storm", millis);
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        long start = System.nanoTime();
        String listing;
        long left;
        do {
            Thread.sleep(100); // polling the condition below, not waiting for something to happen by itself
            listing = http.send(authorized(agent, secret).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            left = live(sessions);
        } while ((!listing.equals("[]") || left > 0) && System.nanoTime() < deadline);
        System.out.printf("after %.1f s: the agent lists %s, processes left in the %d sessions: %d%n",
                (System.nanoTime() - start) / 1e9, listing.equals("[]") ? "no program" : listing, sessions.size(), left);
    }

    /** Now, in clock ticks (1/100 s) since the machine booted, as /proc/<pid>/stat counts a process' start. */
    private static long ticksSinceBoot() throws IOException {
        return Math.round(Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]) * 100);
    }

    /** When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat). */
    private static long startedAt(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }

    /** Live processes (not zombies) whose session id is one of {@code sessions}, read from /proc. */
    private static long live(Set<Long> sessions) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(pid -> {
                        try {
                            String stat = Files.readString(Path.of("/proc", pid, "stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            return !fields[0].equals("Z") && sessions.contains(Long.parseLong(fields[3]));
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    }).count();
        }
    }

    private static HttpRequest post(URI agent, String secret, String session, String app) {
        return authorized(agent, secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"session\":\"" + session + "\",\"app\":\"" + app
                        + "\",\"client\":\"bench\"}")).build();
    }

    private static HttpRequest.Builder authorized(URI uri, String secret) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + secret);
    }

    private static long pid(String body) {
        Matcher pid = PID.matcher(body);
        if (!pid.find()) {
            throw new IllegalStateException("no pid in " + body);
        }
        return Long.parseLong(pid.group(1));
    }

    private static void summary(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("%s over %d: p50 %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms%n", what, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 99), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
