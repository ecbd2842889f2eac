package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Programs never outlive their sessions: not when the agent that ran them is killed and started again, nor when a
 * session is stopped while its program is still starting. Processes are
 * counted by their Linux session, the one each program leads (its id is the program's process id), through /proc: a
 * killed agent's programs are no longer its descendants.
 */
class ProgramLeakIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aKilledAgentsProgramsAreEndedWhenItStartsAgainAndTheMasterHearsOfIt() {
        try (LocalFleet fleet = new LocalFleet("leftovers").agent("solo", "eu/de", 10).start()) {
            Api api = fleet.api();
            Eventually.await("the agent is up", PATIENCE, () -> api.get("/api/v1/master/admin/servers").array()
                    .getValuesAs(JsonObject.class).stream().anyMatch(server -> server.getString("state").equals("up")));
            Map<String, Long> programs = new LinkedHashMap<>();
            for (String app : List.of("cat", "echo", "xterm")) {
                JsonObject session = api.open(app, "client-" + app, "eu/de");
                programs.put(session.getString("id"), session.getJsonNumber("pid").longValue());
            }
            Set<Long> processes = programs.values().stream().flatMap(leader -> membersOf(leader).stream())
                    .collect(Collectors.toSet());
            assertThat(processes).as("the programs and what they started (a desktop: Xvfb, x11vnc)")
                    .hasSizeGreaterThan(programs.size());

            fleet.agent("solo").kill();

            assertThat(programs.values().stream().filter(ProgramLeakIT::alive))
                    .as("programs run in sessions of their own, so they outlive the agent's JVM").isNotEmpty();
            long restarted = System.nanoTime();
            fleet.agent("solo").start();
            Eventually.await("no process of the killed agent's programs is left", PATIENCE,
                    () -> processes.stream().noneMatch(ProgramLeakIT::alive)
                            && programs.values().stream().allMatch(leader -> membersOf(leader).isEmpty()));
            long ended = System.nanoTime();
            Eventually.await("the master no longer counts the sessions as running", PATIENCE,
                    () -> programs.keySet().stream().noneMatch(id -> running(api, id)));
            long told = System.nanoTime();
            System.out.printf("leftovers: %d processes of %d programs ended %d ms after the restart began; the master"
                    + " ended their sessions %d ms after that%n", processes.size(), programs.size(),
                    (ended - restarted) / 1_000_000, (told - ended) / 1_000_000);
            assertThat(sessionsOf(api, programs.keySet())).allSatisfy(session -> {
                assertThat(session.getString("state")).isEqualToIgnoringCase("ended");
                assertThat(session.getString("endedAt", null)).isNotNull();
            });
        }
    }

    @Test
    void aProgramStoppedWhileStartingLeavesNoProcess() throws Exception {
        try (LocalFleet fleet = new LocalFleet("midlaunch").agent("solo", "eu/de", 10, slowCatalog()).start()) {
            MicroInstance agent = fleet.agent("solo");
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> launch = http.sendAsync(agentCall(agent, "")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"session\":\"s-mid\",\"app\":\"slow\",\"client\":\"c-mid\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            AtomicLong leader = new AtomicLong();
            Eventually.await("the program is starting (its sleep runs)", PATIENCE, () -> {
                Optional<ProcessHandle> sleep = ProcessHandle.of(agent.pid()).orElseThrow().descendants()
                        .filter(process -> process.info().command().map(command -> command.endsWith("/sleep"))
                                .orElse(false)).findFirst();
                sleep.flatMap(ProcessHandle::parent).ifPresent(shell -> leader.set(shell.pid()));
                return leader.get() != 0;
            });
            Set<Long> processes = membersOf(leader.get());
            assertThat(processes).as("the shell and its sleep").hasSizeGreaterThanOrEqualTo(2);
            assertThat(launch).isNotDone();

            HttpResponse<String> stopped = http.send(agentCall(agent, "/s-mid").DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            long stoppedAt = System.nanoTime();

            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(204);
            HttpResponse<String> launched = launch.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(launched.statusCode()).as(launched.body()).isEqualTo(409);
            assertThat(launched.body()).contains("stopped-while-starting");
            Eventually.await("no process of the stopped program is left", PATIENCE,
                    () -> processes.stream().noneMatch(ProgramLeakIT::alive) && membersOf(leader.get()).isEmpty());
            System.out.printf("stopped while starting: its %d processes were gone %d ms after the DELETE%n",
                    processes.size(), (System.nanoTime() - stoppedAt) / 1_000_000);
            HttpResponse<String> listed = http.send(agentCall(agent, "").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.body().trim()).isEqualTo("[]");
        }
    }

    /** A tcp application that takes a few seconds to listen: a shell sleeps, then runs the echo server. */
    private static Path slowCatalog() throws IOException {
        Path echo = LocalFleet.catalog().getParent().resolve("apps/EchoServer.java").normalize();
        Path catalog = Files.createDirectories(MicroInstance.workdir().resolve("midlaunch-catalog"))
                .resolve("catalog.json");
        Files.writeString(catalog, "{\"applications\":[{\"name\":\"slow\",\"kind\":\"tcp\",\"argv\":[\"sh\",\"-c\","
                + "\"sleep 5; exec \\\"$0\\\" \\\"$1\\\" \\\"$2\\\"\",\"{java}\",\"" + echo + "\",\"{port}\"],"
                + "\"readyTimeoutMs\":60000}]}");
        return catalog;
    }

    private static HttpRequest.Builder agentCall(MicroInstance agent, String path) {
        return HttpRequest.newBuilder(URI.create(agent.url() + "/api/programs" + path))
                .header("Authorization", "Bearer " + LocalFleet.SECRET).timeout(PATIENCE);
    }

    private static boolean running(Api api, String id) {
        return sessionsOf(api, Set.of(id)).stream()
                .anyMatch(session -> session.getString("state").equalsIgnoreCase("running"));
    }

    private static List<JsonObject> sessionsOf(Api api, Set<String> ids) {
        return api.get("/api/v1/master/admin/sessions?limit=100").array().getValuesAs(JsonObject.class).stream()
                .filter(session -> ids.contains(session.getString("id"))).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The processes in the Linux session {@code leader} leads, from /proc/<pid>/stat (field 6, after the name). */
    static Set<Long> membersOf(long leader) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\d+"))
                    .filter(entry -> sessionOf(entry) == leader)
                    .map(entry -> Long.parseLong(entry.getFileName().toString()))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long sessionOf(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // the name is in parentheses and may hold spaces: fields after it are state, ppid, pgrp, session
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException e) {
            return -1; // the process ended while the list was read
        }
    }
}
