package org.switchboard.agent.boundary;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;

import com.sun.management.OperatingSystemMXBean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.switchboard.agent.control.ActivityMeter;
import org.switchboard.agent.control.Catalog;
import org.switchboard.agent.control.LaunchException;
import org.switchboard.agent.control.LaunchOrder;
import org.switchboard.agent.control.LaunchProblem;
import org.switchboard.agent.control.LifetimeGuard;
import org.switchboard.agent.control.Launcher;
import org.switchboard.agent.control.LoadMeter;
import org.switchboard.agent.control.LoadReporter;
import org.switchboard.agent.control.MasterClient;
import org.switchboard.agent.control.ProgramJournal;
import org.switchboard.agent.control.ProgramRegistry;
import org.switchboard.agent.control.WarmPool;
import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Idleness;
import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;
import org.switchboard.protocol.MasterUrls;
import org.switchboard.protocol.ProgramExit;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.protocol.SharedSecret;
import org.switchboard.protocol.StdioLink;

/**
 * The agent on this processing server: reads its configuration, owns the running programs and keeps the master
 * informed. It stops every program when it goes down, since programs outlive the server's JVM otherwise.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Agent {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Duration MASTER_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    @ConfigProperty(name = "switchboard.secret")
    String secretValue;

    @Inject
    @ConfigProperty(name = "switchboard.master.url")
    Optional<String> masterUrl;

    @Inject
    @ConfigProperty(name = "switchboard.agent.name")
    Optional<String> configuredName;

    @Inject
    @ConfigProperty(name = "switchboard.agent.url")
    Optional<URI> configuredUrl;

    @Inject
    @ConfigProperty(name = "switchboard.agent.location", defaultValue = "local")
    String location;

    @Inject
    @ConfigProperty(name = "switchboard.agent.capacity", defaultValue = "10")
    int capacity;

    @Inject
    @ConfigProperty(name = "switchboard.agent.host", defaultValue = "127.0.0.1")
    String host;

    @Inject
    @ConfigProperty(name = "switchboard.agent.catalog")
    Optional<String> catalogFile;

    @Inject
    @ConfigProperty(name = "switchboard.agent.report-interval-ms", defaultValue = "2000")
    long reportIntervalMs;

    @Inject
    @ConfigProperty(name = "switchboard.agent.ready-timeout-ms", defaultValue = "15000")
    long readyTimeoutMs;

    @Inject
    @ConfigProperty(name = "switchboard.agent.connect-timeout-ms", defaultValue = "60000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "switchboard.agent.launch-timeout-ms", defaultValue = "30000")
    long launchTimeoutMs;

    @Inject
    @ConfigProperty(name = "switchboard.agent.reconnect-grace-seconds", defaultValue = "60")
    long reconnectGraceSeconds;

    @Inject
    @ConfigProperty(name = "switchboard.agent.idle-timeout-seconds", defaultValue = "3600")
    long idleTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "switchboard.agent.idle-cpu-percent", defaultValue = "1")
    double idleCpuPercent;

    @Inject
    @ConfigProperty(name = "switchboard.agent.check-interval-ms", defaultValue = "1000")
    long checkIntervalMs;

    @Inject
    @ConfigProperty(name = "switchboard.agent.state-dir")
    Optional<String> stateDirectory;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private final Clock clock = Clock.systemUTC();
    private SharedSecret secret;
    private Catalog catalog;
    private Launcher launcher;
    private ProgramRegistry registry;
    private LoadMeter meter;
    private WarmPool pool;
    /**
     * Runs the pool's refills on managed threads kept between tasks: a launch that takes a pool program asks for a
     * refill on its request path, and Payara captures the thread context of every task submitted to a managed executor
     * with a class-path scan (about a tenth of the agent's CPU under a stream of pool hits), but only once per thread.
     */
    private ExecutorService poolThreads;
    /**
     * Runs what blocks for a program — reading its output, bridging a stdio program to its client — each on a thread of
     * its own, from managed threads kept between programs, for the same reason: a stdio program's session made four
     * managed threads, each with its scan. Not shut down when the agent stops: the readers and bridges of the programs
     * it stops finish on it, and its idle threads end after a minute.
     */
    private ExecutorService ioThreads;
    /** One per master: with a master group, every member hears of this server and its load. */
    private List<LoadReporter> reporters = List.of();
    /**
     * Each master's reports on a thread of their own: a master that hangs (its call waits up to the master timeout)
     * holds up neither the reports to the others, which would take this server out of selection there, nor the
     * checks of the programs. The container's scheduled executor runs its tasks on one thread.
     */
    private List<ScheduledExecutorService> reports = List.of();
    /** This server's name at the masters. */
    private String name;
    /** Runs {@link #stop()} when the JVM ends. */
    private Thread shutdownHook;
    /** Tell the masters of the programs stopped as the agent goes down; made at start (see {@link #stop()}). */
    private List<MasterClient> goingDown = List.of();
    private ScheduledFuture<?> checks;

    @PostConstruct
    void start() {
        secret = new SharedSecret(secretValue);
        Path setsid = ProcessGroup.setsid();
        if (connectTimeoutMs <= 0 || checkIntervalMs <= 0 || launchTimeoutMs <= 0 || reconnectGraceSeconds < 0) {
            throw new IllegalArgumentException("switchboard.agent.connect-timeout-ms, check-interval-ms and "
                    + "launch-timeout-ms must be positive, reconnect-grace-seconds not negative, not "
                    + connectTimeoutMs + ", " + checkIntervalMs + ", " + launchTimeoutMs + " and "
                    + reconnectGraceSeconds);
        }
        Duration readyTimeout = Duration.ofMillis(readyTimeoutMs);
        catalog = catalogFile.map(file -> Catalog.load(Path.of(file), readyTimeout))
                .orElseGet(() -> Catalog.bundled(readyTimeout));
        URI url = configuredUrl.orElseGet(() -> URI.create("http://" + host + ":8080/agent"));
        name = configuredName.orElseGet(() -> "agent-" + (url.getPort() > 0 ? url.getPort() : url.getHost()));
        ProgramJournal journal = new ProgramJournal(stateDirectory.map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "switchboard-agent"))
                .resolve(name + ".programs"));
        List<String> leftovers = journal.stopLeftovers(STOP_GRACE);
        if (!leftovers.isEmpty()) {
            LOG.warning(() -> "ended the sessions " + leftovers + " a previous run of " + name + " left behind");
        }
        registry = new ProgramRegistry(STOP_GRACE, executor, this::programExited, journal);
        ioThreads = Executors.newCachedThreadPool(threads);
        launcher = new Launcher(catalog, host, Launcher.currentJava(), setsid, ioThreads, clock, STOP_GRACE,
                new StdioLink(secret));
        Idleness idleness = new Idleness(idleTimeoutSeconds == 0 ? null : Duration.ofSeconds(idleTimeoutSeconds),
                idleCpuPercent / 100);
        LifetimeGuard guard = new LifetimeGuard(registry, clock, Duration.ofMillis(connectTimeoutMs),
                Duration.ofSeconds(reconnectGraceSeconds), idleness, new ActivityMeter(), executor);
        poolThreads = Executors.newCachedThreadPool(threads);
        pool = new WarmPool(catalog, launcher, registry, clock, poolThreads);
        // made now, and what it sends loaded now: once the web container has stopped, its class loader loads nothing
        goingDown = masterUrl.map(MasterUrls::parse).orElse(List.of()).stream().map(master -> new MasterClient(master,
                secret, HttpClient.newBuilder().connectTimeout(MASTER_TIMEOUT).build(), JsonbBuilder.create(),
                MASTER_TIMEOUT)).toList();
        Class<?> told = ProgramExit.class; // loads it, the one class the hook needs that nothing used yet
        LOG.fine("the master is told of stopped programs in " + told.getSimpleName() + "s");
        shutdownHook = new Thread(this::stop, "agent " + name + " stops its programs");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        checks = scheduler.scheduleWithFixedDelay(() -> {
            // a failure must not end the schedule: programs would then outlive their time for good
            try {
                guard.check();
                pool.refill();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking the programs failed, will retry", e);
            }
        }, 0, checkIntervalMs, TimeUnit.MILLISECONDS);
        meter = new LoadMeter(name, registry, ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class));
        List<URI> masters = masterUrl.map(MasterUrls::parse).orElse(List.of());
        // the client's own executor, not the container's: Payara captures the thread context of every task given to a
        // managed executor with a search of the whole class path, and the client gives it several tasks per call
        HttpClient http = HttpClient.newBuilder().build();
        ServerRegistration registration = new ServerRegistration(name, url.toString(), location, capacity,
                catalog.names());
        reporters = masters.stream().map(master -> new LoadReporter(
                new MasterClient(master, secret, http, JsonbBuilder.create(), MASTER_TIMEOUT), registration, meter,
                Duration.ofMillis(reportIntervalMs))).toList();
        reporters.forEach(active -> active.leftoversEnded(leftovers));
        long checkReportsMs = Math.min(reportIntervalMs, LoadReporter.SOON.toMillis());
        reports = reporters.stream().map(active -> {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(threads);
            thread.scheduleWithFixedDelay(active::tickIfDue, 0, checkReportsMs, TimeUnit.MILLISECONDS);
            return thread;
        }).toList();
        LOG.info(() -> "agent " + name + " at " + url + " offers " + catalog.names()
                + catalogFile.map(file -> " from " + file).orElse(" from the bundled catalog")
                + (masters.isEmpty() ? ", reports to no master" : ", reports to " + masters));
    }

    /**
     * Stops every program as the agent goes down, once: at the application's undeployment, or when the JVM ends. The
     * shutdown hook is needed: Payara Micro 6.2025.10 ends on SIGTERM without calling this {@code @PreDestroy} (a
     * tcp program was seen to outlive an agent stopped so).
     */
    @PreDestroy
    void stop() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is going down already: the hook runs too, and finds nothing left to stop
            }
        }
        reports.forEach(ExecutorService::shutdownNow);
        if (checks != null) {
            checks.cancel(false);
        }
        if (poolThreads != null) {
            poolThreads.shutdownNow();
        }
        tellMastersStopped(registry.stopAll());
    }

    /**
     * Tells the masters of the programs stopped because the agent goes down ({@code agent-stopping}), from this thread
     * and with HTTP clients of its own: the exit callbacks run later on the container's executor, which does not
     * run them any more once the JVM ends (an exit that a callback reports as well is ignored by the master). A
     * master that does not answer is not waited for again: the agent's next run reports the programs
     * ({@code left-by-dead-agent}) if the journal still names them, and the master's server-lost time covers an agent
     * that does not come back.
     */
    private void tellMastersStopped(List<Program> stopped) {
        if (stopped.isEmpty()) {
            return;
        }
        List<ProgramExit> exits = stopped.stream()
                .map(program -> new ProgramExit(program.session(), exitCode(program), program.endReason().code()))
                .toList();
        for (MasterClient master : goingDown) {
            try {
                for (int from = 0; from < exits.size(); from += LoadReporter.EXITS_PER_MESSAGE) {
                    master.exited(name, exits.subList(from,
                            Math.min(exits.size(), from + LoadReporter.EXITS_PER_MESSAGE)));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("could not tell a master of the programs stopped as the agent goes down: " + e);
            }
        }
    }

    /** The exit code of a program that was just stopped; null if it is not known within a second. */
    private static Integer exitCode(Program program) {
        try {
            return program.exit().get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public SharedSecret secret() {
        return secret;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Launches the instructed program and answers once it is ready for its client. A program that is ready only after
     * the launch's deadline is stopped and the launch refused: the master no longer waits for it (its call may have
     * been abandoned, which the agent cannot see), and a program nobody takes must not hold the server.
     */
    public LaunchNotification launch(LaunchInstruction instruction) {
        meter.countLaunchOrder();
        LaunchOrder order = LaunchOrder.of(instruction, clock.instant(), Duration.ofMillis(launchTimeoutMs));
        Application application = launcher.application(order.app());
        Program program = pool.take(order, application).orElseGet(() -> launchNew(application, order));
        if (order.deadlinePassed(clock.instant())) {
            registry.stop(order.session(), EndReason.LAUNCH_DEADLINE_PASSED);
            throw order.deadlinePassed("process " + program.pid() + " was ready too late and was stopped");
        }
        LOG.info(() -> "launched " + program);
        reporters.forEach(LoadReporter::soon);
        return new LaunchNotification(program.session(), program.pid(), program.endpoint(),
                program.kind().label());
    }

    private Program launchNew(Application application, LaunchOrder order) {
        registry.reserve(order.session(), application);
        Program program;
        try {
            program = await(executor.submit(() -> launcher.launch(application, order)));
        } catch (RuntimeException e) {
            registry.cancel(order.session());
            throw e;
        }
        registry.add(program);
        return program;
    }

    public List<Program> programs() {
        return registry.programs();
    }

    /** Stops the session's program, also one still starting; false when it has none. */
    public boolean stop(String session) {
        return registry.stopRunningOrStarting(session);
    }

    private void programExited(Program program, Integer exitCode) {
        LOG.info(() -> "ended with code " + exitCode + " (" + program.endReason().description() + "): " + program);
        if (program.endReason() == EndReason.LAUNCH_DEADLINE_PASSED) {
            // the launch was answered with an error: the master has no session to end
            reporters.forEach(LoadReporter::soon);
            return;
        }
        reporters.forEach(active -> active.programExited(program, exitCode));
    }

    private static Program await(Future<Program> launch) {
        try {
            return launch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LaunchException failure) {
                throw failure;
            }
            throw new LaunchException(LaunchProblem.START_FAILED, "launch failed: " + e.getCause());
        } catch (InterruptedException e) {
            launch.cancel(true);
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchProblem.START_FAILED, "interrupted while launching");
        }
    }
}
