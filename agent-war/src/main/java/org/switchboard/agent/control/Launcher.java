package org.switchboard.agent.control;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.ClientLink;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;
import org.switchboard.protocol.StdioLink;

/**
 * Starts catalog applications and answers once they are ready. The command line is the catalog's argument list with
 * placeholders filled in, handed to the operating system as a list: no shell reads it. {@code setsid} goes in front, so
 * that each program leads a session of its own and all its processes can be ended together ({@link ProcessGroup}).
 * The process id reported is the program's own: {@code setsid} replaces itself with the program, since a child of the
 * JVM never leads a process group. A desktop application's session is led by a fixed script that starts its display,
 * VNC server and X program ({@link DesktopSession}); its process id is the script's.
 */
public final class Launcher {

    static final int TAIL_LINES = 20;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    /**
     * Between two looks at a starting program: the time a launch may lose after the program got ready. Short, since
     * a look costs little (a refused connection, a flag) and the launch's answer waits for it.
     */
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(20);
    private static final int CONNECT_TIMEOUT_MS = 250;
    /** Where a desktop's VNC server listens (x11vnc {@code -localhost}). */
    static final String DESKTOP_HOST = "127.0.0.1";

    private final Catalog catalog;
    private final String host;
    private final Path java;
    private final Path setsid;
    private final Executor threads;
    private final Clock clock;
    private final Duration stopGrace;
    private final StdioLink stdioLink;

    /**
     * @param host      the address programs listen on and are advertised at
     * @param java      the Java launcher {@code {java}} stands for
     * @param setsid    the {@code setsid} program, see {@link ProcessGroup#setsid()}
     * @param threads   runs what reads program output and bridges stdio programs, each blocking on a thread of its own
     *                  (threads kept between programs: the agent's are managed threads, whose making is not cheap)
     * @param stopGrace how long a program may take to end before it is killed
     * @param stdioLink checks that connections to a stdio program's bridge come from its session's relay
     */
    public Launcher(Catalog catalog, String host, Path java, Path setsid, Executor threads, Clock clock,
                    Duration stopGrace, StdioLink stdioLink) {
        this.catalog = catalog;
        this.host = host;
        this.java = java;
        this.setsid = setsid;
        this.threads = threads;
        this.clock = clock;
        this.stopGrace = stopGrace;
        this.stdioLink = stdioLink;
    }

    /** The Java launcher of the running JVM. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Starts the ordered program and returns once a client can connect to it. */
    public Program launch(LaunchOrder order) {
        return launch(application(order.app()), order);
    }

    /** The catalog's application of that name. */
    public Application application(String name) {
        return catalog.application(name).orElseThrow(() -> new LaunchException(
                LaunchProblem.UNKNOWN_APPLICATION, "'" + name + "' is not in this agent's catalog " + catalog.names()));
    }

    /** Starts a program of the application for the order and returns once a client can connect to it. */
    public Program launch(Application application, LaunchOrder order) {
        if (order.deadlinePassed(clock.instant())) {
            throw order.deadlinePassed("it was not started");
        }
        return switch (application.kind()) {
            case TCP -> launchListening(application, order);
            case STDIO -> launchBridged(application, order);
            case DESKTOP -> launchDesktop(application, order);
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
        int port = freePort(host);
        return launchListening(application, order, new Endpoint(host, port), commandLine(application, order, port));
    }

    /**
     * A desktop's VNC server has no password, so it listens on loopback only, for the relay on this machine: an agent
     * whose programs are reached from elsewhere cannot offer it.
     */
    private Program launchDesktop(Application application, LaunchOrder order) {
        if (!loopback(host)) {
            throw new LaunchException(LaunchProblem.START_FAILED, "cannot start desktop application '"
                    + application.name() + "': its VNC server has no password and listens on " + DESKTOP_HOST
                    + " only, but this agent's programs are reached at " + host + " (switchboard.agent.host)");
        }
        int port = freePort(DESKTOP_HOST);
        List<String> program = commandLine(application, order, port);
        String path = application.environment().getOrDefault("PATH", System.getenv("PATH"));
        File workdir = application.workdir() == null ? null : application.workdir().toFile();
        DesktopSession.SERVERS.forEach((server, debianPackage) -> {
            if (!executable(server, path, workdir)) {
                throw new LaunchException(LaunchProblem.START_FAILED, "cannot start desktop application '"
                        + application.name() + "': " + server + " is not an executable program on the PATH (Debian "
                        + "package " + debianPackage + ", see install-packages.sh)");
            }
        });
        if (!executable(program.get(0), path, workdir)) {
            throw new LaunchException(LaunchProblem.START_FAILED, "cannot start '" + application.name() + "': "
                    + program.get(0) + " is not an executable program");
        }
        return launchListening(application, order, new Endpoint(DESKTOP_HOST, port),
                DesktopSession.commandLine(application.screen(), port, program));
    }

    /** Starts a program that listens at the endpoint, and waits until it is ready. */
    private Program launchListening(Application application, LaunchOrder order, Endpoint endpoint,
                                    List<String> commandLine) {
        Process process = start(application, commandLine);
        OutputTail output = new OutputTail(process.getInputStream(), TAIL_LINES,
                application.readiness().readyLine().orElse(null));
        threads.execute(output);
        Program program = new Program(application, order.session(), order.client(), process, endpoint,
                clock.instant(), new ListeningPort(endpoint.port()));
        BooleanSupplier ready = application.readiness().readyLine().isPresent()
                ? output::sawReadyLine : () -> accepts(endpoint);
        awaitReady(program, process, ready, () -> output.lastLines(Duration.ofSeconds(1)), application, order);
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
        Instant startedAt = clock.instant();
        Endpoint endpoint = new Endpoint(host, listener.getLocalPort());
        byte[] early = new byte[0];
        if (application.readiness().readyLine().isPresent()) {
            EarlyOutput output = new EarlyOutput(process.getInputStream(), application.readiness().line());
            threads.execute(output);
            Program starting = new Program(application, order.session(), order.client(), process, endpoint,
                    startedAt, ClientLink.unwatched());
            try {
                awaitReady(starting, process, output::ready, () -> output.lastLines(TAIL_LINES), application,
                        order);
            } finally {
                if (!output.ready()) {
                    closeQuietly(listener);
                }
            }
            early = output.bytes();
        }
        StdioBridge bridge = new StdioBridge(listener, process, threads, early, clock, stdioLink,
                order.session());
        bridge.start();
        return new Program(application, order.session(), order.client(), process, endpoint, startedAt, bridge);
    }

    private Process start(Application application, List<String> commandLine) {
        List<String> inItsOwnSession = new ArrayList<>();
        inItsOwnSession.add(setsid.toString());
        inItsOwnSession.addAll(commandLine);
        ProcessBuilder builder = new ProcessBuilder(inItsOwnSession).redirectErrorStream(true);
        builder.environment().putAll(application.environment());
        if (application.workdir() != null) {
            builder.directory(application.workdir().toFile());
        }
        // setsid would start, fail to run the program and exit with 1: say it the way the operating system would
        if (!executable(commandLine.get(0), builder.environment().get("PATH"), builder.directory())) {
            throw new LaunchException(LaunchProblem.START_FAILED, "cannot start '" + application.name() + "': "
                    + commandLine.get(0) + " is not an executable program");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchException(LaunchProblem.START_FAILED,
                    "cannot start '" + application.name() + "': " + e.getMessage());
        }
    }

    /** Where execvp would find the program: a path as it is (relative to the working directory), a name on the PATH. */
    private static boolean executable(String program, String path, File workdir) {
        if (program.contains("/")) {
            Path file = Path.of(program);
            return Files.isExecutable(workdir == null || file.isAbsolute() ? file : workdir.toPath().resolve(file));
        }
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory.isEmpty() ? "." : directory, program))
                .anyMatch(file -> Files.isExecutable(file) && !Files.isDirectory(file));
    }

    /**
     * Waits until the program is ready; stops it when it exits first, when it takes longer than its application allows,
     * or when the order's deadline passes first (nobody would take the program then).
     */
    private void awaitReady(Program program, Process process, BooleanSupplier ready, Supplier<String> lastOutput,
                            Application application, LaunchOrder order) {
        Duration readyTimeout = application.readyTimeout();
        Instant deadline = clock.instant().plus(readyTimeout);
        Duration pause = FIRST_PAUSE;
        String awaited = application.readiness().readyLine()
                .map(line -> "print a line matching " + line.pattern())
                .orElse("accept connections on " + program.endpoint());
        try {
            while (!ready.getAsBoolean()) {
                if (process.waitFor(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessGroup.stop(process.toHandle(), stopGrace); // what it started in the meantime
                    throw new LaunchException(LaunchProblem.EXITED_BEFORE_READY, "'" + program.application()
                            + "' exited with code " + process.exitValue() + " before it was ready; its last output:\n"
                            + lastOutput.get());
                }
                if (order.deadlinePassed(clock.instant())) {
                    program.stop(EndReason.LAUNCH_DEADLINE_PASSED, stopGrace);
                    throw order.deadlinePassed("process " + program.pid() + " was not ready and was stopped");
                }
                if (clock.instant().isAfter(deadline)) {
                    program.stop(EndReason.LAUNCH_FAILED, stopGrace);
                    throw new LaunchException(LaunchProblem.NOT_READY, "'" + program.application()
                            + "' did not " + awaited + " within " + readyTimeout.toMillis()
                            + " ms and was stopped; its last output:\n" + lastOutput.get());
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            program.stop(EndReason.LAUNCH_FAILED, stopGrace);
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

    /** A port free on the address right now; the program takes it a moment later. */
    private static int freePort(String address) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new LaunchException(LaunchProblem.START_FAILED, "no free port on " + address + ": "
                    + e.getMessage());
        }
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
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
