package org.switchboard.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New sessions at a steady rate, each from a client of its own, sent to the given slaves in turn; a redirect is
 * followed once, as clients do. Every request's outcome is kept with its times ({@link System#nanoTime()}), so a test
 * can tell when placements stopped and started again. The sessions are left to themselves (no relay is opened).
 */
final class SteadyLoad implements AutoCloseable {

    /** One client's request: its status, the session when placed, and whether it followed a redirect. */
    record Outcome(String client, long sentNanos, long answeredNanos, int status, boolean redirected,
                   JsonObject session, String failure) {

        boolean placed() {
            return status == 201;
        }
    }

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService requests = Executors.newCachedThreadPool();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Api> slaves;
    private final String prefix;
    private final String app;
    private final String location;

    private SteadyLoad(List<Api> slaves, String prefix, String app, String location) {
        this.slaves = slaves;
        this.prefix = prefix;
        this.app = app;
        this.location = location;
    }

    /** Starts sending {@code perSecond} requests a second for {@code app} from clients at {@code location}. */
    static SteadyLoad start(List<Api> slaves, String prefix, String app, String location, int perSecond) {
        SteadyLoad load = new SteadyLoad(slaves, prefix, app, location);
        load.clock.scheduleAtFixedRate(() -> load.requests.execute(load::request), 0, 1_000_000 / perSecond,
                TimeUnit.MICROSECONDS);
        return load;
    }

    private void request() {
        int number = sent.getAndIncrement();
        String client = prefix + number;
        Api slave = slaves.get(number % slaves.size());
        long sentNanos = System.nanoTime();
        Outcome outcome;
        try {
            Placed placed = place(slave, app, client, location);
            outcome = new Outcome(client, sentNanos, System.nanoTime(), placed.reply().status(), placed.redirected(),
                    placed.reply().status() == 201 ? placed.reply().object() : null,
                    placed.reply().status() == 201 ? null : placed.reply().body());
        } catch (RuntimeException e) {
            outcome = new Outcome(client, sentNanos, System.nanoTime(), 0, false, null, e.toString());
        }
        synchronized (outcomes) {
            outcomes.add(outcome);
        }
    }

    /** A request's final answer, after following one redirect when there was one. */
    record Placed(Api.Reply reply, boolean redirected) {
    }

    /** Asks {@code slave} for a session, following a redirect to another slave once. */
    static Placed place(Api slave, String app, String client, String location) {
        String json = Json.createObjectBuilder().add("app", app).add("clientId", client).add("location", location)
                .build().toString();
        Api.Reply reply = slave.post("/api/v1/sessions", json);
        if (reply.status() == 307) {
            String next = reply.location().orElseThrow(() -> new AssertionError("a redirect without Location"));
            return new Placed(slave.post(next, json), true);
        }
        return new Placed(reply, false);
    }

    /** The outcomes so far, in the order they were answered. */
    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** Stops sending and waits for the requests under way to be answered. */
    @Override
    public void close() {
        clock.shutdownNow();
        requests.shutdown();
        try {
            if (!requests.awaitTermination(90, TimeUnit.SECONDS)) {
                requests.shutdownNow();
                throw new AssertionError("requests still unanswered 90 s after the load stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
