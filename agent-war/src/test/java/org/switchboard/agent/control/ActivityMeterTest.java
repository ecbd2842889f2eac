package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.agent.entity.ProcessTable;

/** Readings of real processes the test starts itself. */
class ActivityMeterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<Process> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aBusyLoopUsesCpu() throws IOException {
        Process busy = start("sh", "-c", "while :; do :; done");
        long before = ProcessTable.read().cpuTicks(busy.pid());

        Await.until("the loop used CPU", PATIENCE, () -> ProcessTable.read().cpuTicks(busy.pid()) > before + 5);
    }

    @Test
    void bytesAProgramReadsAndWritesAreCounted() throws IOException {
        Process cat = start("cat");
        long before = ActivityMeter.ioBytes(cat.pid());
        OutputStream input = cat.getOutputStream();
        input.write("some bytes for cat\n".getBytes());
        input.flush();

        Await.until("cat read and wrote its input", PATIENCE,
                () -> ActivityMeter.ioBytes(cat.pid()) >= before + 2 * 19);
        long after = ActivityMeter.ioBytes(cat.pid());
        assertThat(ActivityMeter.ioBytes(cat.pid())).as("nothing more without input").isEqualTo(after);
    }

    @Test
    void aProcessThatIsGoneCountsAsNothing() {
        assertThat(ProcessTable.read().cpuTicks(Long.MAX_VALUE)).isZero();
        assertThat(ActivityMeter.ioBytes(Long.MAX_VALUE)).isZero();
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }
}
