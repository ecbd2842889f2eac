package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;

class ProgramJournalTest {

    private static final Duration GRACE = Duration.ofSeconds(3);

    @TempDir
    Path state;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theNextAgentStopsWhatThePreviousOneLeftRunning() throws IOException {
        Program left = program("s-left");
        new ProgramJournal(state.resolve("agent-1.programs")).write(List.of(left));

        int stopped = new ProgramJournal(state.resolve("agent-1.programs")).stopLeftovers(GRACE);

        assertThat(stopped).isEqualTo(1);
        assertThat(Await.ended(left.pid(), Duration.ofSeconds(20))).isTrue();
        assertThat(Files.readAllLines(state.resolve("agent-1.programs"))).isEmpty();
    }

    @Test
    void aRecycledProcessIdIsNotALeftover() throws IOException {
        Program unrelated = program("s-unrelated");
        Files.writeString(state.resolve("agent-1.programs"), unrelated.pid() + " 12345 s-old\n");

        int stopped = new ProgramJournal(state.resolve("agent-1.programs")).stopLeftovers(GRACE);

        assertThat(stopped).isZero();
        assertThat(unrelated.isRunning()).isTrue();
    }

    @Test
    void noJournalNoLeftovers() {
        assertThat(new ProgramJournal(state.resolve("none")).stopLeftovers(GRACE)).isZero();
    }

    private Program program(String session) throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        started.add(process);
        return new Program(session, "sleep", "tester", process, new Endpoint("127.0.0.1", 1), Instant.now(), () -> { });
    }
}
