package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.Activity;
import org.switchboard.agent.entity.ClientLink;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Idleness;
import org.switchboard.agent.entity.Limits;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;

/** The guard's decisions on a clock the test sets; the programs are "sleep 600", stopped for real. */
class LifetimeGuardTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

    @TempDir
    Path state;

    private static final Duration RECONNECT_GRACE = Duration.ofSeconds(60);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Idleness IDLENESS = new Idleness(IDLE_TIMEOUT, 0.01);
    private static final Activity QUIET = new Activity(0, Map.of());

    private final MutableClock clock = new MutableClock();
    private final Map<String, Activity> readings = new ConcurrentHashMap<>();
    /** Since when each session's client is gone, as its link would say. */
    private final Map<String, Instant> gone = new ConcurrentHashMap<>();
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private ProgramRegistry registry;

    @AfterEach
    void stopEverything() {
        registry.stopAll();
        started.forEach(Process::destroyForcibly);
    }

    private LifetimeGuard guard() {
        return guard(Idleness.never());
    }

    /** A guard that reads the activity the test sets in {@link #readings}. */
    private LifetimeGuard guard(Idleness idleness) {
        registry = registry == null ? new ProgramRegistry(Duration.ofSeconds(1), Runnable::run, (program, code) -> { },
                new ProgramJournal(state.resolve("programs"))) : registry;
        return new LifetimeGuard(registry, clock, CONNECT_TIMEOUT, RECONNECT_GRACE, idleness,
                () -> program -> readings.getOrDefault(program.session(), QUIET), Runnable::run);
    }

    @Test
    void endsAProgramWhoseClientLeftAndDidNotComeBackWithinTheGrace() throws IOException {
        LifetimeGuard guard = guard();
        Program left = program("s-left", Limits.none(), true);
        registry.add(left);
        Instant leftAt = START.plus(Duration.ofMinutes(10));
        gone.put("s-left", leftAt);

        clock.set(leftAt.plus(RECONNECT_GRACE).minusMillis(1));
        assertThat(guard.check()).isEmpty();
        clock.set(leftAt.plus(RECONNECT_GRACE));
        assertThat(guard.check()).extracting(LifetimeGuard.Ending::reason).containsExactly(EndReason.CLIENT_GONE);

        assertThat(Await.ended(left.pid(), PATIENCE)).isTrue();
        assertThat(left.endReason().code()).isEqualTo("client-gone");
    }

    @Test
    void aClientBackWithinTheGraceKeepsItsProgram() throws IOException {
        LifetimeGuard guard = guard();
        registry.add(program("s-back", Limits.none(), true));
        gone.put("s-back", START);
        clock.set(START.plus(RECONNECT_GRACE).minusSeconds(1));
        assertThat(guard.check()).isEmpty();

        gone.remove("s-back");
        clock.set(START.plus(Duration.ofDays(1)));

        assertThat(guard.check()).isEmpty();
    }

    @Test
    void endsAProgramWithoutTrafficOrCpuOnceTheIdleTimeoutIsOver() throws IOException {
        LifetimeGuard guard = guard(IDLENESS);
        Program quiet = program("s-quiet", Limits.none(), true);
        registry.add(quiet);

        clock.set(START);
        assertThat(guard.check()).as("the first reading").isEmpty();
        clock.set(START.plus(IDLE_TIMEOUT).minusSeconds(1));
        readings.put("s-quiet", new Activity(0, Map.of(quiet.pid(), 1L))); // 1 tick in 5 minutes: idle
        assertThat(guard.check()).isEmpty();
        clock.set(START.plus(IDLE_TIMEOUT));
        assertThat(guard.check()).extracting(LifetimeGuard.Ending::reason).containsExactly(EndReason.IDLE);

        assertThat(Await.ended(quiet.pid(), PATIENCE)).isTrue();
        assertThat(quiet.endReason()).isEqualTo(EndReason.IDLE);
        assertThat(quiet.endReason().code()).isEqualTo("idle");
    }

    @Test
    void keepsAProgramThatComputesWithNobodyTalkingToIt() throws IOException {
        LifetimeGuard guard = guard(IDLENESS);
        Program busy = program("s-busy", Limits.none(), true);
        registry.add(busy);

        for (int minute = 0; minute <= 60; minute++) {
            clock.set(START.plus(Duration.ofMinutes(minute)));
            // 2 % of a core: 1.2 s of CPU a minute, spread over a child process that comes and goes
            readings.put("s-busy", new Activity(0, Map.of(busy.pid(), 60L * minute, 7_000L + minute, 60L)));
            assertThat(guard.check()).as("minute " + minute).isEmpty();
        }
    }

    @Test
    void trafficKeepsAProgramThatHardlyComputes() throws IOException {
        LifetimeGuard guard = guard(IDLENESS);
        registry.add(program("s-chat", Limits.none(), true));

        for (int minute = 0; minute <= 60; minute++) {
            clock.set(START.plus(Duration.ofMinutes(minute)));
            readings.put("s-chat", new Activity(minute / 4, Map.of())); // a few bytes every four minutes
            assertThat(guard.check()).as("minute " + minute).isEmpty();
        }
    }

    @Test
    void anIdleProgramBusyAgainStartsItsIdleTimeAfresh() throws IOException {
        LifetimeGuard guard = guard(IDLENESS);
        registry.add(program("s-pause", Limits.none(), true));

        clock.set(START);
        guard.check();
        clock.set(START.plus(IDLE_TIMEOUT).minusSeconds(10));
        readings.put("s-pause", new Activity(0, Map.of(1L, 5_000L))); // 50 s of CPU: busy
        assertThat(guard.check()).isEmpty();
        clock.set(START.plus(IDLE_TIMEOUT).plus(IDLE_TIMEOUT).minusSeconds(11));
        assertThat(guard.check()).isEmpty();
        clock.set(START.plus(IDLE_TIMEOUT).plus(IDLE_TIMEOUT).minusSeconds(10));
        assertThat(guard.check()).extracting(LifetimeGuard.Ending::reason).containsExactly(EndReason.IDLE);
    }

    @Test
    void theApplicationsIdleTimeoutOverridesTheAgents() throws IOException {
        LifetimeGuard guard = guard(Idleness.never());
        registry.add(program("s-short", new Limits(Limits.UNLIMITED, 1, null, 0, Duration.ofSeconds(30)), true));
        registry.add(program("s-default", Limits.none(), true));

        clock.set(START);
        guard.check();
        clock.set(START.plus(Duration.ofDays(1)));

        assertThat(guard.check()).extracting(ending -> ending.program().session()).containsExactly("s-short");
    }

    @Test
    void aProgramNoClientConnectedToIsLeftToTheConnectTimeout() throws IOException {
        LifetimeGuard guard = guard(new Idleness(Duration.ofSeconds(10), 0.01));
        registry.add(program("s-waiting", Limits.none(), false));

        clock.set(START);
        guard.check();
        clock.set(START.plus(Duration.ofSeconds(30)));
        assertThat(guard.check()).isEmpty();
        clock.set(START.plus(CONNECT_TIMEOUT));
        assertThat(guard.check()).extracting(LifetimeGuard.Ending::reason).containsExactly(EndReason.NO_CLIENT);
    }

    @Test
    void endsAProgramNobodyConnectedToOnceTheConnectTimeoutIsOver() throws IOException {
        LifetimeGuard guard = guard();
        Program orphan = program("s-orphan", Limits.none(), false);
        registry.add(orphan);

        clock.set(START.plus(CONNECT_TIMEOUT).minusMillis(1));
        assertThat(guard.check()).isEmpty();
        clock.set(START.plus(CONNECT_TIMEOUT));
        assertThat(guard.check()).extracting(LifetimeGuard.Ending::reason).containsExactly(EndReason.NO_CLIENT);

        assertThat(Await.ended(orphan.pid(), PATIENCE)).isTrue();
        assertThat(orphan.endReason()).isEqualTo(EndReason.NO_CLIENT);
        assertThat(registry.count()).isZero();
    }

    @Test
    void keepsAProgramWhoseClientConnected() throws IOException {
        LifetimeGuard guard = guard();
        registry.add(program("s-used", Limits.none(), true));

        clock.set(START.plus(Duration.ofDays(1)));

        assertThat(guard.check()).isEmpty();
        assertThat(registry.count()).isEqualTo(1);
    }

    @Test
    void endsAProgramThatOutlivedItsMaximumLifetimeEvenWithAClient() throws IOException {
        LifetimeGuard guard = guard();
        Program old = program("s-old", new Limits(Limits.UNLIMITED, 1, Duration.ofMinutes(30), 0), true);
        registry.add(old);

        clock.set(START.plus(Duration.ofMinutes(29)));
        assertThat(guard.check()).isEmpty();
        clock.set(START.plus(Duration.ofMinutes(30)));
        assertThat(guard.check()).extracting(LifetimeGuard.Ending::reason)
                .containsExactly(EndReason.LIFETIME_EXCEEDED);

        assertThat(Await.ended(old.pid(), PATIENCE)).isTrue();
        assertThat(old.endReason()).isEqualTo(EndReason.LIFETIME_EXCEEDED);
    }

    @Test
    void theConnectTimeoutOfAPooledProgramCountsFromItsHandOver() throws IOException {
        LifetimeGuard guard = guard();
        Program pooled = program("pool-1", Limits.none(), false);
        registry.add(pooled.assignTo("s-late", "tester", START.plus(Duration.ofHours(1))));

        clock.set(START.plus(Duration.ofHours(1)).plus(CONNECT_TIMEOUT).minusMillis(1));

        assertThat(guard.check()).isEmpty();
    }

    private Program program(String session, Limits limits, boolean clientConnected) throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        started.add(process);
        ClientLink link = new ClientLink() {
            @Override
            public boolean clientConnected() {
                return clientConnected;
            }

            @Override
            public Optional<Instant> clientGoneSince() {
                return Optional.ofNullable(gone.get(session));
            }

            @Override
            public void close() {
                // nothing opened
            }
        };
        return new Program(SampleCatalogs.application(limits), session, "tester", process,
                new Endpoint("127.0.0.1", 1), START, link);
    }
}
