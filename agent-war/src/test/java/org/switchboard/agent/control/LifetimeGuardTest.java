package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.ClientLink;
import org.switchboard.agent.entity.EndReason;
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

    private final MutableClock clock = new MutableClock();
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private ProgramRegistry registry;

    @AfterEach
    void stopEverything() {
        registry.stopAll();
        started.forEach(Process::destroyForcibly);
    }

    private LifetimeGuard guard() {
        registry = registry == null ? new ProgramRegistry(Duration.ofSeconds(1), Runnable::run, (program, code) -> { },
                new ProgramJournal(state.resolve("programs"))) : registry;
        return new LifetimeGuard(registry, clock, CONNECT_TIMEOUT, Runnable::run);
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
            public void close() {
                // nothing opened
            }
        };
        return new Program(SampleCatalogs.application(limits), session, "tester", process,
                new Endpoint("127.0.0.1", 1), START, link);
    }
}
