package org.switchboard.slave.master;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The calls of a slave waiting for a master group's hand-over, as threads of this test. */
class HandOverWaitTest {

    private static final int CALLS = 20;
    private final ExecutorService calls = Executors.newFixedThreadPool(CALLS);

    @AfterEach
    void stopCalls() {
        calls.shutdownNow();
    }

    /**
     * Twenty calls wait 1 s while no master takes any: they ask again one round every pause (100 ms), about ten
     * rounds in all (at least one: the wait does end), where on their own each would have asked about ten times, two
     * hundred rounds.
     */
    @Test
    void whileNoMasterTakesCallsTheWaitingCallsAskOneRoundAPause() throws Exception {
        HandOverWait wait = new HandOverWait(Duration.ofMillis(100));
        AtomicInteger rounds = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        List<Future<?>> waiting = new ArrayList<>();
        for (int call = 0; call < CALLS; call++) {
            waiting.add(calls.submit(() -> {
                while (wait.awaitTurn(deadline)) {
                    rounds.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> call : waiting) {
            call.get(10, TimeUnit.SECONDS);
        }

        assertThat(rounds.get()).as("rounds asked again in 1 s").isBetween(1, 15);
    }

    /** A master took a call: every waiting call asks at once, long before the next round was due. */
    @Test
    void whenAMasterTakesACallTheWaitingCallsGoAtOnce() throws Exception {
        HandOverWait wait = new HandOverWait(Duration.ofMinutes(1));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<Future<Boolean>> waiting = new ArrayList<>();
        for (int call = 0; call < CALLS; call++) {
            waiting.add(calls.submit(() -> wait.awaitTurn(deadline)));
        }
        long began = System.nanoTime();
        while (waiting.stream().anyMatch(call -> !call.isDone()) && System.nanoTime() - began < 10_000_000_000L) {
            wait.masterTook(); // a call that finds a master, made again until every waiting call has heard of it
            Thread.onSpinWait();
        }

        for (Future<Boolean> call : waiting) {
            assertThat(call.get(1, TimeUnit.SECONDS)).as("a waiting call asks again").isTrue();
        }
    }

    /** A call whose wait ends before its turn comes is told so: the client hears that no master could take it. */
    @Test
    void aCallWhoseWaitEndsFirstIsRefused() throws Exception {
        HandOverWait wait = new HandOverWait(Duration.ofMinutes(1));

        assertThat(wait.awaitTurn(System.nanoTime() + Duration.ofMillis(50).toNanos())).isFalse();
    }
}
