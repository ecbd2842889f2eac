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
    void aSessionHasOneProgram() throws IOException {
        registry.add(program("s-one", "sleep", "600"));
        Program second = program("s-one", "sleep", "600");

        assertThatThrownBy(() -> registry.requireVacant("s-one")).isInstanceOf(LaunchException.class);
        assertThatThrownBy(() -> registry.add(second)).isInstanceOf(LaunchException.class);
        assertThat(Await.ended(second.pid(), PATIENCE)).as("the second program is stopped again").isTrue();
        assertThat(registry.count()).isEqualTo(1);
    }

    @Test
    void stoppingAnUnknownSessionFindsNothing() {
        assertThat(registry.stop("s-none")).isEmpty();
    }

    private Program program(String session, String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return new Program(session, "test", "tester", process, new Endpoint("127.0.0.1", 1), Instant.now(), () -> { });
    }
}
