package org.switchboard.agent.control;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;

/**
 * Starts catalog applications and answers once they are ready. The command line is the catalog's argument list with
 * placeholders filled in, handed to the operating system as a list: no shell reads it.
 */
public final class Launcher {

    static final int TAIL_LINES = 20;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(250);
    private static final int CONNECT_TIMEOUT_MS = 250;

    private final Catalog catalog;
    private final String host;
    private final Path java;
    private final ThreadFactory threads;
    private final Clock clock;
    private final Duration stopGrace;

    /**
     * @param host      the address programs listen on and are advertised at
     * @param java      the Java launcher {@code {java}} stands for
     * @param threads   for the threads that read program output and bridge stdio programs
     * @param stopGrace how long a program may take to end before it is killed
     */
    public Launcher(Catalog catalog, String host, Path java, ThreadFactory threads, Clock clock, Duration stopGrace) {
        this.catalog = catalog;
        this.host = host;
        this.java = java;
        this.threads = threads;
        this.clock = clock;
        this.stopGrace = stopGrace;
    }

    /** The Java launcher of the running JVM. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Starts the ordered program and returns once a client can connect to it. */
    public Program launch(LaunchOrder order) {
        Application application = catalog.application(order.app()).orElseThrow(() -> new LaunchException(
                LaunchProblem.UNKNOWN_APPLICATION, "'" + order.app() + "' is not in this agent's catalog "
                + catalog.names()));
        return switch (application.kind()) {
            case TCP -> launchListening(application, order);
            case STDIO -> launchBridged(application, order);
        };
    }

    /** The command line for an application, placeholders filled in. */
    public List<String> commandLine(Application application, LaunchOrder order, int port) {
        Map<String, String> values = new HashMap<>();
        values.put("port", Integer.toString(port));
        values.put("session", order.session());
        values.put("client", order.client());
        values.put("java", java.toString());
        catalog.directory().ifPresent(directory -> values.put("catalogDir", directory.toString()));
        return application.commandLine(values);
    }

    private Program launchListening(Application application, LaunchOrder order) {
        int port = freePort();
        Process process = start(application, commandLine(application, order, port));
        OutputTail output = new OutputTail(process.getInputStream(), TAIL_LINES);
        threads.newThread(output).start();
        Program program = new Program(order.session(), application.name(), order.client(), process,
                new Endpoint(host, port), clock.instant(), () -> { });
        awaitConnectable(program, process, output, application.readyTimeout());
        return program;
    }

    private Program launchBridged(Application application, LaunchOrder order) {
        ServerSocket listener = listen();
        Process process;
        try {
            process = start(application, commandLine(application, order, listener.getLocalPort()));
        } catch (LaunchException e) {
            closeQuietly(listener);
            throw e;
        }
        StdioBridge bridge = new StdioBridge(listener, process, threads);
        bridge.start();
        return new Program(order.session(), application.name(), order.client(), process,
                new Endpoint(host, listener.getLocalPort()), clock.instant(), bridge);
    }

    private Process start(Application application, List<String> commandLine) {
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true);
        builder.environment().putAll(application.environment());
        if (application.workdir() != null) {
            builder.directory(application.workdir().toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchException(LaunchProblem.START_FAILED,
                    "cannot start '" + application.name() + "': " + e.getMessage());
        }
    }

    private void awaitConnectable(Program program, Process process, OutputTail output, Duration readyTimeout) {
        Instant deadline = clock.instant().plus(readyTimeout);
        Duration pause = FIRST_PAUSE;
        try {
            while (!accepts(program.endpoint())) {
                if (process.waitFor(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new LaunchException(LaunchProblem.EXITED_BEFORE_READY, "'" + program.application()
                            + "' exited with code " + process.exitValue() + " before it was ready; its last output:\n"
                            + output.lastLines(Duration.ofSeconds(1)));
                }
                if (clock.instant().isAfter(deadline)) {
                    program.stop(stopGrace);
                    throw new LaunchException(LaunchProblem.NOT_READY, "'" + program.application()
                            + "' did not accept connections on " + program.endpoint() + " within "
                            + readyTimeout.toMillis() + " ms and was stopped; its last output:\n"
                            + output.lastLines(Duration.ofSeconds(1)));
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            program.stop(stopGrace);
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchProblem.NOT_READY, "interrupted while waiting for the program");
        }
    }

    private static boolean accepts(Endpoint endpoint) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A port free on the agent's host right now; the program takes it a moment later. */
    private int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new LaunchException(LaunchProblem.START_FAILED, "no free port on " + host + ": " + e.getMessage());
        }
    }

    private ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getByName(host));
        } catch (IOException e) {
            throw new LaunchException(LaunchProblem.START_FAILED, "cannot listen on " + host + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing to undo
        }
    }
}
