import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from a client's first request to an open relay, following a redirect when the first slave sends one.
 * Usage: java bench/OpenLatency.java slave-url app location n
 * e.g.   java bench/OpenLatency.java http://127.0.0.1:8080 cat eu/de/ber 50
 */
public class OpenLatency {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String slave = args[0];
        String app = args[1];
        String location = args[2];
        int n = Integer.parseInt(args[3]);
        List<Double> millis = new ArrayList<>();
        int redirected = 0;
        for (int i = 0; i < n; i++) {
            String client = "latency-" + ProcessHandle.current().pid() + "-" + i;
            long started = System.nanoTime();
            HttpResponse<String> answer = post(slave + "/api/v1/sessions", body(app, client, location, null));
            if (answer.statusCode() == 307) {
                redirected++;
                String there = answer.headers().firstValue("Location").orElseThrow();
                answer = post(there, body(app, client, location, field(answer.body(), "ticket")));
            }
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("request " + i + ": " + answer.statusCode() + " " + answer.body());
            }
            String relay = field(answer.body(), "relay");
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(relay), new WebSocket.Listener() { })
                    .join();
            millis.add((System.nanoTime() - started) / 1e6);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "measured").join();
            String base = relay.substring(0, relay.indexOf("/relay/")).replaceFirst("^ws", "http");
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/" + field(answer.body(), "id")))
                    .header("Authorization", "Bearer " + relay.substring(relay.indexOf("token=") + 6)).DELETE()
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        Collections.sort(millis);
        System.out.printf("%d requests for %s from %s, %d redirected: request to open relay median %.1f ms, "
                        + "p95 %.1f ms, min %.1f ms, max %.1f ms%n", n, app, location, redirected,
                millis.get((n - 1) / 2), millis.get((int) Math.ceil(n * 0.95) - 1), millis.get(0),
                millis.get(n - 1));
    }

    private static String body(String app, String client, String location, String ticket) {
        return "{\"app\":\"" + app + "\",\"clientId\":\"" + client + "\",\"location\":\"" + location + "\""
                + (ticket == null ? "" : ",\"ticket\":\"" + ticket + "\"") + "}";
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
