package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Idleness;
import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;

/**
 * Real programs from the fixed scripts in src/test/resources/programs, launched as the agent launches them: in a
 * session of their own, ended with everything they started, and ended when nobody connects to them.
 */
class ProgramLifecycleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private static final String FAMILY = stdio("family", "family.sh", "");
    private static final String STUBBORN = stdio("stubborn", "stubborn.sh", "");
    private static final String ANNOUNCE_STDIO = stdio("announce", "announce.sh",
            ",\"ready\":{\"line\":\"^ready on\"}");
    private static final String ANNOUNCE_TCP = "{\"name\":\"announce-tcp\",\"kind\":\"tcp\",\"argv\":[\"sh\","
            + "\"{catalogDir}/announce.sh\",\"{port}\"],\"ready\":{\"line\":\"ready on port [0-9]+\"}}";
    /** Ready after ten seconds: far past a short launch deadline; its sleep is a child in its session. */
    private static final String LATE = "{\"name\":\"late\",\"kind\":\"stdio\",\"argv\":[\"sh\",\"-c\","
            + "\"sleep 10; echo ready; exec cat\"],\"ready\":{\"line\":\"^ready\"}}";
    /** Answers every line with its process id and the line. */
    private static final String ANSWERING = "{\"name\":\"answering\",\"kind\":\"stdio\",\"argv\":[\"sh\",\"-c\","
            + "\"while read line; do echo \\\"$$ $line\\\"; done\"]}";
    /** Computes without end, and reads no input. */
    private static final String BUSY = "{\"name\":\"busy\",\"kind\":\"stdio\",\"argv\":[\"sh\",\"-c\","
            + "\"while :; do :; done\"]}";
    private static final String SILENT = stdio("silent", "silent.sh",
            ",\"ready\":{\"line\":\"never printed\"},\"readyTimeoutMs\":500");

    @TempDir
    Path state;

    private final List<Program> started = new CopyOnWriteArrayList<>();
    private final List<Long> pids = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /** Whatever a test started goes, even when the test failed half-way. */
    @AfterEach
    void stopEverythingStarted() {
        ProcessGroup.stop(started.stream().map(Program::leader).toList(), Duration.ofMillis(100));
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        Sessions.kill(started.stream().map(Program::pid).toList());
        executor.shutdownNow();
    }

    @Test
    void stoppingAProgramEndsEveryProcessOfItsSessionEvenTheAbandonedOnes() throws IOException {
        Program family = launch(SampleCatalogs.ofPrograms(FAMILY), "family", "s-family");

        try (Socket link = LauncherTest.connect(family)) {
            Map<String, Long> members = pidsUntilReady(link, "leader", "child", "grandchild", "daemon");
            assertThat(members.get("leader")).isEqualTo(family.pid());
            assertThat(sessionOf(family.pid())).as("the program leads a session of its own").isEqualTo(family.pid());
            ProcessHandle daemon = ProcessHandle.of(members.get("daemon")).orElseThrow();
            Await.until("the daemon is abandoned by its parent", PATIENCE,
                    () -> family.leader().descendants().noneMatch(daemon::equals));

            family.stop(EndReason.STOPPED, GRACE);

            members.forEach((role, pid) -> assertThat(Await.ended(pid, PATIENCE)).as(role + " " + pid).isTrue());
            assertThat(ProcessGroup.members(family.leader())).isEmpty();
        }
    }

    @Test
    void aProgramThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws IOException {
        Program stubborn = launch(SampleCatalogs.ofPrograms(STUBBORN), "stubborn", "s-stubborn");

        try (Socket link = LauncherTest.connect(stubborn)) {
            Map<String, Long> members = pidsUntilReady(link, "leader", "child", "daemon");
            Instant stopping = Instant.now();

            stubborn.stop(EndReason.STOPPED, GRACE);

            assertThat(Duration.between(stopping, Instant.now())).as("SIGTERM was ignored for the whole grace")
                    .isGreaterThanOrEqualTo(GRACE);
            members.forEach((role, pid) -> assertThat(Await.ended(pid, PATIENCE)).as(role + " " + pid).isTrue());
            assertThat(stubborn.exit().join()).as("killed by SIGKILL").isEqualTo(128 + 9);
        }
    }

    @Test
    void aStdioProgramIsReadyAtItsReadyLineAndItsClientGetsAllItsOutput() throws IOException {
        Program announce = launch(SampleCatalogs.ofPrograms(ANNOUNCE_STDIO), "announce", "s-announce");

        try (Socket link = LauncherTest.connect(announce)) {
            link.getOutputStream().write("echoed\n".getBytes(StandardCharsets.UTF_8));
            link.shutdownOutput();

            assertThat(new String(link.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("warming up\nready on port none\nechoed\n");
        }
    }

    @Test
    void aTcpProgramCanBeReadyByALineInsteadOfItsPort() {
        Program announce = launch(SampleCatalogs.ofPrograms(ANNOUNCE_TCP), "announce-tcp", "s-announce-tcp");

        assertThat(announce.isRunning()).isTrue();
        assertThat(announce.clientConnected()).as("nobody connected, not even a readiness probe").isFalse();
    }

    @Test
    void aProgramThatNeverPrintsItsReadyLineIsStoppedWithItsChildren() {
        LaunchException refused = catchThrowableOfType(
                () -> launch(SampleCatalogs.ofPrograms(SILENT), "silent", "s-silent"), LaunchException.class);

        assertThat(refused.problem()).isEqualTo(LaunchProblem.NOT_READY);
        assertThat(refused.getMessage()).contains("never printed");
        Matcher child = Pattern.compile("child ([0-9]+)").matcher(refused.getMessage());
        assertThat(child.find()).as("the child's pid in the last output: " + refused.getMessage()).isTrue();
        pids.add(Long.parseLong(child.group(1)));
        assertThat(Await.ended(Long.parseLong(child.group(1)), PATIENCE)).as("the child").isTrue();
    }

    @Test
    void aProgramNotReadyByTheLaunchsDeadlineIsStoppedWithItsChildren() {
        Catalog catalog = SampleCatalogs.ofPrograms(LATE);
        LaunchOrder order = new LaunchOrder("s-late", "late", "tester", Instant.now().plusMillis(300));

        LaunchException refused = catchThrowableOfType(
                () -> SampleCatalogs.launcher(catalog, GRACE).launch(order), LaunchException.class);

        assertThat(refused.problem()).isEqualTo(LaunchProblem.LAUNCH_DEADLINE_PASSED);
        Matcher process = Pattern.compile("process ([0-9]+)").matcher(refused.getMessage());
        assertThat(process.find()).as("the program's pid in " + refused.getMessage()).isTrue();
        long pid = Long.parseLong(process.group(1));
        pids.add(pid);
        assertThat(Await.ended(pid, PATIENCE)).isTrue();
        Await.until("nothing left of its session, its sleeping child included", PATIENCE,
                () -> Sessions.members(pid) == 0);
    }

    @Test
    void aLaunchWhoseDeadlinePassedBeforeItsTurnStartsNothing() {
        LaunchOrder order = new LaunchOrder("s-late", "late", "tester", Instant.now().minusMillis(1));

        LaunchException refused = catchThrowableOfType(
                () -> SampleCatalogs.launcher(SampleCatalogs.ofPrograms(LATE), GRACE).launch(order),
                LaunchException.class);

        assertThat(refused.problem()).isEqualTo(LaunchProblem.LAUNCH_DEADLINE_PASSED);
        assertThat(refused.getMessage()).contains("not started");
    }

    @Test
    void aBusyProgramIsKeptWhileAnIdleOneIsEndedForBeingIdle() throws IOException {
        Duration idleTimeout = Duration.ofSeconds(2);
        Map<String, EndReason> reasons = new ConcurrentHashMap<>();
        ProgramRegistry registry = new ProgramRegistry(GRACE, executor,
                (program, code) -> reasons.put(program.session(), program.endReason()),
                new ProgramJournal(state.resolve("idle.programs")));
        Launcher launcher = SampleCatalogs.launcher(SampleCatalogs.ofPrograms(BUSY, SampleCatalogs.cat()), GRACE);
        Program busy = launcher.launch(new LaunchOrder("s-busy", "busy", "tester"));
        started.add(busy);
        registry.add(busy);
        Program idle = launcher.launch(new LaunchOrder("s-idle", "cat", "tester"));
        started.add(idle);
        registry.add(idle);
        LifetimeGuard guard = new LifetimeGuard(registry, Clock.systemUTC(), Duration.ofMinutes(5),
                LifetimeGuard.RECONNECT_GRACE, new Idleness(idleTimeout, 0.01), new ActivityMeter(), executor);
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();

        try (Socket busyClient = LauncherTest.connect(busy);
             Socket idleClient = LauncherTest.connect(idle)) {
            Await.until("both clients are seen", PATIENCE, () -> busy.clientConnected() && idle.clientConnected());
            Instant connected = Instant.now();
            checks.scheduleWithFixedDelay(guard::check, 0, 200, TimeUnit.MILLISECONDS);

            Await.until("the idle program is ended", PATIENCE, () -> reasons.containsKey("s-idle"));
            Instant culled = Instant.now();
            assertThat(reasons.get("s-idle")).isEqualTo(EndReason.IDLE);
            assertThat(Duration.between(connected, culled)).isGreaterThanOrEqualTo(idleTimeout);
            assertThat(Await.ended(idle.pid(), PATIENCE)).isTrue();

            Await.until("twice the idle timeout more", PATIENCE,
                    () -> Instant.now().isAfter(culled.plus(idleTimeout.multipliedBy(2))));
            assertThat(busy.isRunning()).as("busy with nobody talking to it").isTrue();
            assertThat(reasons).doesNotContainKey("s-busy");
        } finally {
            checks.shutdownNow();
        }
    }

    @Test
    void aClientThatDropsComesBackToTheSameProgramAndOneThatStaysAwayEndsIt() throws IOException {
        Duration grace = Duration.ofSeconds(2);
        Map<String, EndReason> reasons = new ConcurrentHashMap<>();
        ProgramRegistry registry = new ProgramRegistry(GRACE, executor,
                (program, code) -> reasons.put(program.session(), program.endReason()),
                new ProgramJournal(state.resolve("reconnect.programs")));
        Program answering = launch(SampleCatalogs.ofPrograms(ANSWERING), "answering", "s-answering");
        registry.add(answering);
        LifetimeGuard guard = new LifetimeGuard(registry, Clock.systemUTC(), Duration.ofMinutes(5), grace,
                Idleness.never(), new ActivityMeter(), executor);
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();
        try {
            checks.scheduleWithFixedDelay(guard::check, 0, 200, TimeUnit.MILLISECONDS);
            Socket first = LauncherTest.connect(answering);
            first.getOutputStream().write("one\n".getBytes(StandardCharsets.UTF_8));
            assertThat(lines(first).readLine()).isEqualTo(answering.pid() + " one");
            first.setSoLinger(true, 0);
            first.close(); // reset: the link dropped
            Await.until("the drop is seen", PATIENCE, () -> answering.clientGoneSince().isPresent());

            try (Socket second = LauncherTest.connect(answering)) {
                second.getOutputStream().write("two\n".getBytes(StandardCharsets.UTF_8));
                assertThat(lines(second).readLine()).as("the same program answers")
                        .isEqualTo(answering.pid() + " two");
                second.setSoLinger(true, 0); // closing resets: the link drops again
            }
            Instant left = Instant.now();

            Await.until("the program is ended", PATIENCE, () -> reasons.containsKey("s-answering"));
            assertThat(reasons.get("s-answering")).isEqualTo(EndReason.CLIENT_GONE);
            assertThat(Duration.between(left, Instant.now())).isGreaterThanOrEqualTo(grace);
            assertThat(Await.ended(answering.pid(), PATIENCE)).isTrue();
        } finally {
            checks.shutdownNow();
        }
    }

    @Test
    void aBurstOfProgramsNobodyConnectsToEndsCompletely() throws IOException {
        MutableClock clock = new MutableClock();
        Map<String, EndReason> reasons = new ConcurrentHashMap<>();
        ProgramRegistry registry = new ProgramRegistry(GRACE, executor,
                (program, code) -> reasons.put(program.session(), program.endReason()),
                new ProgramJournal(state.resolve("burst.programs")));
        Catalog catalog = SampleCatalogs.ofPrograms(FAMILY, STUBBORN, ANNOUNCE_TCP, SampleCatalogs.cat());
        Launcher launcher = SampleCatalogs.launcher(catalog, GRACE);
        List<String> apps = List.of("family", "stubborn", "announce-tcp", "cat");
        for (int i = 0; i < 12; i++) {
            Program program = launcher.launch(new LaunchOrder("s-burst-" + i, apps.get(i % apps.size()), "tester"));
            started.add(program);
            registry.add(program);
        }
        Program wanted = registry.program("s-burst-3").orElseThrow();
        try (Socket client = LauncherTest.connect(wanted)) {
            Await.until("the client is seen", PATIENCE, wanted::clientConnected);
            LifetimeGuard guard = new LifetimeGuard(registry, clock, Duration.ofSeconds(60), executor);
            assertThat(guard.check()).as("nothing is due before the connect timeout").isEmpty();

            clock.advance(Duration.ofMinutes(5)); // the launches took real time; the timeout is long past for all
            assertThat(guard.check()).hasSize(11);

            Await.until("only the connected program left", PATIENCE, () -> registry.count() == 1);
            Await.until("all exits reported", PATIENCE, () -> reasons.size() == 11);
            assertThat(reasons.values()).containsOnly(EndReason.NO_CLIENT);
            started.stream().filter(program -> program != wanted).forEach(program -> assertThat(
                    ProcessGroup.members(program.leader())).as(program.toString()).isEmpty());
        }
        assertThat(wanted.isRunning()).as("its client is connected").isTrue();
    }

    @Test
    void aTcpProgramWithAClientIsKeptOneWithoutIsEnded() throws IOException {
        MutableClock clock = new MutableClock();
        ProgramRegistry registry = new ProgramRegistry(GRACE, executor, (program, code) -> { },
                new ProgramJournal(state.resolve("tcp.programs")));
        Launcher launcher = SampleCatalogs.launcher(SampleCatalogs.repository(), GRACE);
        Program used = launcher.launch(new LaunchOrder("s-used", "echo", "tester"));
        started.add(used);
        registry.add(used);
        Program unused = launcher.launch(new LaunchOrder("s-unused", "echo", "tester"));
        started.add(unused);
        registry.add(unused);

        try (Socket client = LauncherTest.connect(used)) {
            assertThat(LauncherTest.roundTrip(client, "hello")).isEqualTo("hello");
            clock.advance(Duration.ofMinutes(5)); // the launches took real time; the timeout is long past for all

            List<LifetimeGuard.Ending> endings = new LifetimeGuard(registry, clock, Duration.ofSeconds(60), executor)
                    .check();

            assertThat(endings).extracting(ending -> ending.program().session()).containsExactly("s-unused");
            assertThat(Await.ended(unused.pid(), PATIENCE)).isTrue();
            assertThat(used.isRunning()).isTrue();
        }
    }

    private Program launch(Catalog catalog, String app, String session) {
        Program program = SampleCatalogs.launcher(catalog, GRACE).launch(new LaunchOrder(session, app, "tester"));
        started.add(program);
        return program;
    }

    /** Reads "role pid" lines up to "ready" and until every role has been named. */
    private Map<String, Long> pidsUntilReady(Socket link, String... roles) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(link.getInputStream(), StandardCharsets.UTF_8));
        Map<String, Long> members = new HashMap<>();
        boolean ready = false;
        while (!ready || !members.keySet().containsAll(List.of(roles))) {
            String line = lines.readLine();
            assertThat(line).as("the program's output so far: " + members).isNotNull();
            if (line.equals("ready")) {
                ready = true;
            } else {
                String[] fields = line.split(" ");
                members.put(fields[0], Long.parseLong(fields[1]));
                pids.add(Long.parseLong(fields[1]));
            }
        }
        members.forEach((role, pid) -> assertThat(ProcessHandle.of(pid)).as(role).isPresent());
        return members;
    }

    private static BufferedReader lines(Socket link) throws IOException {
        return new BufferedReader(new InputStreamReader(link.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The session id in /proc/<pid>/stat, read here independently of ProcessGroup. */
    private static long sessionOf(long pid) {
        return Sessions.sessionOf(Long.toString(pid));
    }

    private static String stdio(String name, String script, String more) {
        return "{\"name\":\"" + name + "\",\"kind\":\"stdio\",\"argv\":[\"sh\",\"{catalogDir}/" + script + "\"]"
                + more + "}";
    }
}
