package org.switchboard.agent.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Readings of this machine's process table, with real processes. */
class ProcessTableTest {

    /** A reading serves everyone who needs one begun at or after a time before it began, and no one else. */
    @Test
    void aReadingIsSharedWithThoseWhoNeedOneBegunSinceAndMadeAnewForOthers() throws IOException {
        long before = System.nanoTime();
        ProcessTable first = ProcessTable.readSince(before);
        Process started = new ProcessBuilder("sleep", "30").start();
        try {
            long afterStart = System.nanoTime();

            assertThat(ProcessTable.readSince(before)).isSameAs(first);
            ProcessTable later = ProcessTable.readSince(afterStart);

            assertThat(later).isNotSameAs(first);
            assertThat(first.members(started.pid())).isEmpty();
            assertThat(later.members(started.pid())).containsExactly(started.pid());
        } finally {
            started.destroyForcibly();
        }
    }

    /**
     * Programs stopped one by one but all at once each find their processes gone, from readings they share: every
     * stop still ends with a reading begun after its last signal.
     */
    @Test
    void programsStoppedAtOnceAreAllGone() throws Exception {
        List<Process> programs = new ArrayList<>();
        ExecutorService stops = Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                programs.add(new ProcessBuilder("sleep", "30").start());
            }
            List<Future<?>> stopped = new ArrayList<>();
            for (Process program : programs) {
                stopped.add(stops.submit(() -> ProcessGroup.stop(program.toHandle(), Duration.ofSeconds(5))));
            }
            for (Future<?> stop : stopped) {
                stop.get(30, TimeUnit.SECONDS);
            }

            assertThat(programs).allSatisfy(program -> assertThat(program.toHandle().isAlive()).isFalse());
        } finally {
            stops.shutdownNow();
            programs.forEach(Process::destroyForcibly);
        }
    }
}
