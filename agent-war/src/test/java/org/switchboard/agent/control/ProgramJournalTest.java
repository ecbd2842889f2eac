package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;
import org.switchboard.protocol.Endpoint;

class ProgramJournalTest {

    private static final Duration GRACE = Duration.ofSeconds(3);

    @TempDir
    Path state;

    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> children = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(Process::destroyForcibly);
        children.forEach(ProcessHandle::destroyForcibly);
        Sessions.kill(started.stream().map(Process::pid).toList());
    }

    @Test
    void theNextAgentStopsWhatThePreviousOneLeftRunning() throws IOException {
        Program left = program("s-left");
        new ProgramJournal(state.resolve("agent-1.programs")).write(List.of(left));

        List<String> ended = new ProgramJournal(state.resolve("agent-1.programs")).stopLeftovers(GRACE);

        assertThat(ended).containsExactly("s-left");
        assertThat(Await.ended(left.pid(), Duration.ofSeconds(20))).isTrue();
        assertThat(Files.readAllLines(state.resolve("agent-1.programs"))).isEmpty();
    }

    @Test
    void aRecycledProcessIdIsNotALeftover() throws IOException {
        Program unrelated = program("s-unrelated");
        Files.writeString(state.resolve("agent-1.programs"), unrelated.pid() + " 12345 s-old\n");

        List<String> ended = new ProgramJournal(state.resolve("agent-1.programs")).stopLeftovers(GRACE);

        assertThat(ended).as("its program ended before, which the master may not know").containsExactly("s-old");
        assertThat(unrelated.isRunning()).isTrue();
    }

    @Test
    void whatAnEndedProgramLeftInItsSessionIsALeftoverToo() throws IOException {
        Process leader = new ProcessBuilder(ProcessGroup.setsid().toString(), "sh",
                SampleCatalogs.PROGRAMS.resolve("abandon.sh").toString()).start();
        started.add(leader);
        // one line, not to the end: the child keeps the output open
        long child = Long.parseLong(new BufferedReader(new InputStreamReader(leader.getInputStream()))
                .readLine().trim());
        ProcessHandle.of(child).ifPresent(children::add);
        Await.until("the program ended, its child not", Duration.ofSeconds(20), () -> !leader.isAlive());
        assertThat(ProcessHandle.of(child)).get().matches(ProcessHandle::isAlive);
        // the start time no longer matters: no process has the program's id, its session's id
        Files.writeString(state.resolve("agent-1.programs"), leader.pid() + " 12345 s-ended\n");

        List<String> ended = new ProgramJournal(state.resolve("agent-1.programs")).stopLeftovers(GRACE);

        assertThat(ended).containsExactly("s-ended");
        assertThat(Await.ended(child, Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void noJournalNoLeftovers() {
        assertThat(new ProgramJournal(state.resolve("none")).stopLeftovers(GRACE)).isEmpty();
    }

    private Program program(String session) throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        started.add(process);
        return SampleCatalogs.program(session, process);
    }
}
