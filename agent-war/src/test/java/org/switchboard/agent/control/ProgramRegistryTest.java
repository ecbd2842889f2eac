package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.EndReason;
import org.switchboard.agent.entity.Limits;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;

class ProgramRegistryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path state;

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private final Map<String, Integer> exits = new ConcurrentHashMap<>();
    private final ProgramRegistry registry = new ProgramRegistry(Duration.ofSeconds(3), callbacks,
            (program, code) -> exits.put(program.session(), code), new ProgramJournal(state.resolve("programs")));

    private final List<Process> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        registry.stopAll();
        started.forEach(Process::destroyForcibly);
        callbacks.shutdownNow();
    }

    @Test
    void aProgramThatEndsOnItsOwnLeavesAndIsReported() throws IOException {
        registry.add(program("s-short", "sh", "-c", "exit 7"));

        Await.until("the exit report", PATIENCE, () -> exits.containsKey("s-short"));
        assertThat(exits).containsEntry("s-short", 7);
        assertThat(registry.programs()).isEmpty();
    }

    @Test
    void stoppingEndsTheWholeProcessTree() throws IOException {
        Program shell = program("s-tree", "sh", "-c", "sleep 600 & sleep 600 & wait");
        registry.add(shell);
        ProcessHandle handle = ProcessHandle.of(shell.pid()).orElseThrow();
        Await.until("both children", PATIENCE, () -> handle.children().count() == 2);
        List<ProcessHandle> children = handle.children().toList();

        assertThat(registry.stop("s-tree")).contains(shell);

        assertThat(Await.ended(shell.pid(), PATIENCE)).isTrue();
        children.forEach(child -> assertThat(Await.ended(child.pid(), PATIENCE)).as("child %d", child.pid()).isTrue());
        assertThat(registry.program("s-tree")).isEmpty();
        Await.until("the exit report", PATIENCE, () -> exits.containsKey("s-tree"));
    }

    @Test
    void stoppingSeveralEndsAllTheirProcessesTogetherEachForItsReason() throws IOException {
        Program tree = program("s-a", "sh", "-c", "sleep 600 & wait");
        Program single = program("s-b", "sleep", "600");
        registry.add(tree);
        registry.add(single);
        ProcessHandle handle = ProcessHandle.of(tree.pid()).orElseThrow();
        Await.until("the child", PATIENCE, () -> handle.children().count() == 1);
        ProcessHandle child = handle.children().findFirst().orElseThrow();

        List<Program> stopped = registry.stop(Map.of("s-a", EndReason.IDLE, "s-b", EndReason.NO_CLIENT,
                "s-none", EndReason.IDLE));

        assertThat(stopped).containsExactlyInAnyOrder(tree, single);
        assertThat(Await.ended(tree.pid(), PATIENCE)).isTrue();
        assertThat(Await.ended(child.pid(), PATIENCE)).as("the child").isTrue();
        assertThat(Await.ended(single.pid(), PATIENCE)).isTrue();
        assertThat(tree.endReason()).isEqualTo(EndReason.IDLE);
        assertThat(single.endReason()).isEqualTo(EndReason.NO_CLIENT);
        assertThat(registry.programs()).isEmpty();
        Await.until("both exit reports", PATIENCE, () -> exits.containsKey("s-a") && exits.containsKey("s-b"));
    }

    @Test
    void aSessionHasOneProgram() throws IOException {
        registry.add(program("s-one", "sleep", "600"));
        Program second = program("s-one", "sleep", "600");

        assertThatThrownBy(() -> registry.requireVacant("s-one")).isInstanceOf(LaunchException.class);
        assertThatThrownBy(() -> registry.add(second)).isInstanceOf(LaunchException.class);
        assertThat(Await.ended(second.pid(), PATIENCE)).as("the second program is stopped again").isTrue();
        assertThat(registry.count()).isEqualTo(1);
    }

    @Test
    void refusesAnInstanceBeyondMaxInstancesUntilOneEnds() throws IOException {
        Limits twoAtMost = new Limits(2, 1, null, 0);
        Program first = program("s-1", twoAtMost);
        registry.reserve("s-1", SampleCatalogs.application(twoAtMost));
        registry.add(first);
        registry.reserve("s-2", SampleCatalogs.application(twoAtMost)); // still launching, yet it counts

        assertThatThrownBy(() -> registry.reserve("s-3", SampleCatalogs.application(twoAtMost)))
                .isInstanceOfSatisfying(LaunchException.class, refused -> {
                    assertThat(refused.problem()).isEqualTo(LaunchProblem.TOO_MANY_INSTANCES);
                    assertThat(refused.getMessage()).contains("maxInstances");
                });

        registry.cancel("s-2");
        registry.reserve("s-3", SampleCatalogs.application(twoAtMost));
        registry.stop("s-1");
        registry.reserve("s-4", SampleCatalogs.application(twoAtMost));
    }

    @Test
    void aReservedSessionIsTaken() {
        registry.reserve("s-taken", SampleCatalogs.application(Limits.none()));

        assertThatThrownBy(() -> registry.reserve("s-taken", SampleCatalogs.application(Limits.none())))
                .isInstanceOfSatisfying(LaunchException.class,
                        refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.DUPLICATE_SESSION));
    }

    @Test
    void heldInstancesCountTowardsMaxInstances() {
        Application oneAtMost = SampleCatalogs.application(new Limits(1, 1, null, 1));

        assertThat(registry.hold(oneAtMost)).isTrue();
        assertThat(registry.hold(oneAtMost)).isFalse();
        assertThatThrownBy(() -> registry.reserve("s-1", oneAtMost)).isInstanceOf(LaunchException.class);
        assertThat(registry.pooled()).isEqualTo(1);
        assertThat(registry.capacityUsed()).isEqualTo(1);

        registry.release(oneAtMost);
        registry.reserve("s-1", oneAtMost);
    }

    @Test
    void capacityUsedIsTheSumOfTheWeights() throws IOException {
        registry.add(program("s-light", Limits.none()));
        registry.add(program("s-heavy", new Limits(Limits.UNLIMITED, 5, null, 0)));

        assertThat(registry.count()).isEqualTo(2);
        assertThat(registry.capacityUsed()).isEqualTo(6);
    }

    @Test
    void aProgramStillStartingUsesCapacityAlready() throws IOException {
        Limits heavy = new Limits(Limits.UNLIMITED, 5, null, 0);
        registry.reserve("s-heavy", SampleCatalogs.application(heavy));

        assertThat(registry.capacityUsed()).as("its launch order is counted already").isEqualTo(5);

        registry.add(program("s-heavy", heavy));
        assertThat(registry.capacityUsed()).as("once, when it runs").isEqualTo(5);
        registry.reserve("s-failed", SampleCatalogs.application(heavy));
        registry.cancel("s-failed");
        assertThat(registry.capacityUsed()).as("not after its launch failed").isEqualTo(5);
    }

    @Test
    void aLaunchThatCompletesAfterTheAgentWentDownIsStopped() throws IOException {
        registry.stopAll();
        Program late = program("s-late", Limits.none());

        assertThatThrownBy(() -> registry.add(late)).isInstanceOf(LaunchException.class)
                .hasMessageContaining("going down");
        assertThat(Await.ended(late.pid(), PATIENCE)).isTrue();
        assertThat(registry.hold(SampleCatalogs.application(new Limits(1, 1, null, 1)))).isFalse();
    }

    @Test
    void aProgramStoppedWhileStartingIsStoppedAsItArrives() throws IOException {
        registry.reserve("s-starting", SampleCatalogs.application(Limits.none()));

        assertThat(registry.stopRunningOrStarting("s-starting")).isTrue();
        Program started = program("s-starting", Limits.none());

        assertThatThrownBy(() -> registry.add(started)).isInstanceOf(LaunchException.class)
                .hasMessageContaining("stopped while its program was starting");
        assertThat(Await.ended(started.pid(), PATIENCE)).isTrue();
        assertThat(registry.program("s-starting")).isEmpty();
        assertThat(registry.stopRunningOrStarting("s-starting")).as("nothing left to stop").isFalse();
    }

    @Test
    void stoppingAnUnknownSessionFindsNothing() {
        assertThat(registry.stop("s-none")).isEmpty();
    }

    private Program program(String session, Limits limits) throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        started.add(process);
        return SampleCatalogs.program(session, process, limits);
    }

    private Program program(String session, String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return SampleCatalogs.program(session, process);
    }
}
