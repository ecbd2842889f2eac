package org.switchboard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process running one archive on a loopback port, without Payara's data grid unless it is a member of
 * one ({@link #dataGrid}, for master groups). Started by
 * {@link #start()}, which returns once the application answers; {@link #close()} stops it by PID (SIGTERM, then
 * SIGKILL) together with anything it left running.
 */
final class MicroInstance implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final int LOG_TAIL_LINES = 40;

    static {
        // a test JVM stopped from outside (a fork timeout, Ctrl-C) runs no @AfterAll: its processes end with it anyway
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly), "end child processes"));
    }

    private final String name;
    private final Path archive;
    private final String contextRoot;
    private final String readyPath;
    private final int port = Ports.free();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<ProcessHandle> leftovers = new ArrayList<>();
    /** Payara Micro's options for a data grid member; empty: no data grid. */
    private final List<String> gridOptions = new ArrayList<>();
    private Process process;
    private Path log;
    private int launches;

    MicroInstance(String name, Path archive, String contextRoot, String readyPath) {
        this.name = name;
        this.archive = archive;
        this.contextRoot = contextRoot;
        this.readyPath = readyPath;
    }

    static Path deployment(String file) {
        return Path.of(System.getProperty("switchboard.deployments", "target/deployments"), file);
    }

    static Path workdir() {
        return Path.of(System.getProperty("switchboard.workdir", "target/instances"));
    }

    MicroInstance with(String key, Object value) {
        properties.put(key, String.valueOf(value));
        return this;
    }

    /** An environment variable of the instance, for what should not be on its command line (passwords). */
    MicroInstance environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Makes this instance a member of the data grid {@code cluster} (Payara's Hazelcast), which listens on
     * {@code gridPort} of 127.0.0.1 and finds the other members at {@code memberPorts} (tcpip discovery on loopback).
     * Failure detection is made fast for loopback (heartbeats every second, a member silent for
     * {@code maxSilenceSeconds} is gone, one whose port refuses connections is gone soon); call before
     * {@link #launch()}.
     */
    MicroInstance dataGrid(String cluster, int gridPort, List<Integer> memberPorts, int maxSilenceSeconds) {
        gridOptions.clear();
        gridOptions.addAll(List.of("--clustername", cluster, "--clustermode", "tcpip:" + String.join(",",
                        memberPorts.stream().map(member -> "127.0.0.1:" + member).toList()),
                "--startport", String.valueOf(gridPort), "--hzpublicaddress", "127.0.0.1"));
        return with("hazelcast.socket.bind.any", false)
                .with("hazelcast.heartbeat.interval.seconds", 1)
                .with("hazelcast.max.no.heartbeat.seconds", maxSilenceSeconds)
                // on loopback, a member whose port refuses a connection is gone (default: after 4 refusals)
                .with("hazelcast.connection.monitor.max.faults", 0)
                // members started apart from one another that formed groups of their own merge soon
                .with("hazelcast.merge.first.run.delay.seconds", 5)
                .with("hazelcast.merge.next.run.delay.seconds", 5);
    }

    int port() {
        return port;
    }

    /** The instance's base URL, with the context root: {@code http://127.0.0.1:port/context}. */
    String url() {
        return "http://127.0.0.1:" + port + (contextRoot.equals("/") ? "" : contextRoot);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    MicroInstance launch() {
        try {
            Path dir = Files.createDirectories(workdir().resolve(name + "-" + port));
            // a restarted instance logs into a new file, so what the earlier run said stays; and it gets a new root
            // directory: Micro would first start the earlier run's deployment from the old one, then replace it
            String run = ++launches == 1 ? "" : "-" + launches;
            log = dir.resolve("server" + run + ".log");
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-Xss512k",
                    "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true"));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", microJar(), "--deploy", archive.toAbsolutePath().toString(),
                    "--contextroot", contextRoot, "--port", String.valueOf(port), "--disablephonehome",
                    "--rootDir", dir.resolve("root" + run).toString()));
            // loopback only: HTTP binds 127.0.0.1; no data grid (Hazelcast) unless asked for, so no instance listens
            // for or joins another by chance
            command.addAll(List.of("--prebootcommandfile", loopbackCommands(), "--interfaces", "127.0.0.1"));
            command.addAll(gridOptions.isEmpty() ? List.of("--nohazelcast") : gridOptions);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the application answers on its ready path (from the server's root, with the context root); if it
     * never does, its threads are dumped next to its log and the end of its log is printed, for diagnosis. An
     * instance that could not bind its port fails at once (Payara Micro would go on running without answering).
     */
    MicroInstance awaitReady() {
        try {
            Eventually.await(name + " answers on 127.0.0.1:" + port + readyPath + " (log: " + log + ")",
                    STARTUP_TIMEOUT, () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(name + " exited with " + process.exitValue() + "; log: " + log);
                        }
                        if (answers(readyPath)) {
                            return true;
                        }
                        if (logContains("java.net.BindException")) {
                            throw new AssertionError(name + " could not bind a port (" + port + " for HTTP); log: "
                                    + log);
                        }
                        return false;
                    });
            return this;
        } catch (AssertionError e) {
            dumpThreads();
            printLogTail();
            throw e;
        }
    }

    private boolean logContains(String text) {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printLogTail() {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            List<String> all = lines.toList();
            System.err.println("--- last lines of " + log);
            all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()).forEach(System.err::println);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dumpThreads() {
        if (process.isAlive()) {
            try {
                Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(log.resolveSibling("threads.txt").toFile()).start()
                        .waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    MicroInstance start() {
        return launch().awaitReady();
    }

    private boolean answers(String path) {
        return Api.answers("http://127.0.0.1:" + port + path);
    }

    /**
     * SIGKILL, as a crash would: no shutdown hooks, nothing cleaned up by the instance itself. Returns once the process
     * has exited, with when the signal was sent ({@link System#nanoTime()}): hand-over times count from there, not
     * from the listing of the instance's processes before it.
     */
    long kill() {
        leftovers.addAll(process.descendants().toList());
        long signalled = System.nanoTime();
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        return signalled;
    }

    /** SIGTERM, an orderly shutdown; returns once the JVM has exited. */
    void terminate() {
        process.destroy();
        waitFor(Duration.ofSeconds(60));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        // what the instance started (programs) is collected first: they outlive a JVM that was killed
        leftovers.addAll(process.descendants().toList());
        if (process.isAlive()) {
            terminate();
        }
        leftovers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String loopbackCommands() {
        String file = System.getProperty("switchboard.loopback", "../config/loopback.asadmin");
        if (!Files.exists(Path.of(file))) {
            throw new IllegalStateException("system property switchboard.loopback must name config/loopback.asadmin");
        }
        return Path.of(file).toAbsolutePath().toString();
    }

    private static String microJar() {
        String jar = System.getProperty("payara.microJar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("system property payara.microJar must name the Payara Micro jar: " + jar);
        }
        return jar;
    }
}
