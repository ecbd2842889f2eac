package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.Program;

/** Warm pools of real programs: filled, taken from by many launches at once, refilled. */
class WarmPoolIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path state;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();
    private ProgramRegistry registry;

    @AfterEach
    void stopEverything() {
        if (registry != null) {
            registry.stopAll();
        }
        executor.shutdownNow();
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        Sessions.kill(pids);
    }

    private WarmPool pool(String application) {
        Catalog catalog = SampleCatalogs.of(application);
        registry = new ProgramRegistry(GRACE, executor, (program, code) -> { },
                new ProgramJournal(state.resolve("pool.programs")));
        return new WarmPool(catalog, SampleCatalogs.launcher(catalog, GRACE), registry, Clock.systemUTC(), executor);
    }

    private static String cat(String limits) {
        return "{\"name\":\"cat\",\"kind\":\"stdio\",\"argv\":[\"cat\"]," + limits + "}";
    }

    @Test
    void handsOutReadyProgramsAtOnceNeverTwiceAndRefills() throws Exception {
        WarmPool pool = pool(cat("\"pool\":2,\"weight\":3"));
        Application cat = SampleCatalogs.of(cat("\"pool\":2,\"weight\":3")).application("cat").orElseThrow();
        pool.refill();
        Await.until("two ready programs", PATIENCE, () -> idlePids().size() == 2);
        List<Long> ready = idlePids();
        pids.addAll(ready);

        List<Callable<Optional<Program>>> launches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            LaunchOrder order = new LaunchOrder("s-" + i, "cat", "tester");
            launches.add(() -> pool.take(order, cat));
        }
        List<Program> taken = new ArrayList<>();
        for (Future<Optional<Program>> launch : executor.invokeAll(launches)) {
            launch.get().ifPresent(taken::add);
        }
        taken.forEach(program -> pids.add(program.pid()));

        assertThat(taken).extracting(Program::pid).as("no program goes to two sessions").doesNotHaveDuplicates()
                .containsAll(ready);
        taken.forEach(program -> assertThat(registry.program(program.session())).contains(program));
        Await.until("the pool refilled", PATIENCE, () -> idlePids().size() == 2);
        idlePids().forEach(pids::add);
        assertThat(registry.capacityUsed()).as("sessions and pool, 3 units each").isEqualTo((taken.size() + 2) * 3);

        Program first = taken.get(0);
        try (Socket link = LauncherTest.connect(first)) {
            assertThat(LauncherTest.roundTrip(link, "pooled")).isEqualTo("pooled");
        }
    }

    @Test
    void aPoolProgramThatDiesIsReplaced() {
        WarmPool pool = pool(cat("\"pool\":1"));
        pool.refill();
        Await.until("a ready program", PATIENCE, () -> idlePids().size() == 1);
        long dead = idlePids().get(0);
        pids.add(dead);

        ProcessHandle.of(dead).ifPresent(ProcessHandle::destroyForcibly);
        // gone from the registry, not only dead: a refill counts the programs the registry still holds
        Await.until("the dead one gone", PATIENCE,
                () -> registry.idlePrograms().stream().noneMatch(program -> program.pid() == dead));
        pool.refill();

        Await.until("a new ready program", PATIENCE, () -> idlePids().size() == 1 && !idlePids().contains(dead));
        idlePids().forEach(pids::add);
    }

    @Test
    void poolProgramsCountAsInstances() {
        WarmPool pool = pool(cat("\"pool\":1,\"maxInstances\":2"));
        Application cat = SampleCatalogs.of(cat("\"pool\":1,\"maxInstances\":2")).application("cat").orElseThrow();
        pool.refill();
        Await.until("a ready program", PATIENCE, () -> idlePids().size() == 1);

        Program taken = pool.take(new LaunchOrder("s-1", "cat", "tester"), cat).orElseThrow();
        pids.add(taken.pid());
        Await.until("the pool refilled", PATIENCE, () -> idlePids().size() == 1);
        idlePids().forEach(pids::add);
        pool.refill();

        assertThat(registry.pooled("cat")).isEqualTo(1);
        assertThatThrownBy(() -> registry.reserve("s-2", cat)).isInstanceOfSatisfying(LaunchException.class,
                refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.TOO_MANY_INSTANCES));
    }

    @Test
    void theAgentGoingDownStopsPoolProgramsToo() {
        WarmPool pool = pool(cat("\"pool\":2"));
        pool.refill();
        Await.until("two ready programs", PATIENCE, () -> idlePids().size() == 2);
        List<Long> ready = idlePids();
        pids.addAll(ready);

        registry.stopAll();

        ready.forEach(pid -> assertThat(Await.ended(pid, PATIENCE)).as("pool program " + pid).isTrue());
        assertThat(registry.pooled()).isZero();
    }

    private List<Long> idlePids() {
        return registry.idlePrograms().stream().filter(Program::isRunning).map(Program::pid).toList();
    }
}
