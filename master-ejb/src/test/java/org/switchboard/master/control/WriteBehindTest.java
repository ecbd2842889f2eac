package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @Test
    void recordsQueuedWhileABatchIsWrittenGoIntoTheNextBatchInOrder() throws InterruptedException {
        CountDownLatch firstBatchWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (WriteBehind<Integer> history = new WriteBehind<>("test", batch -> {
            firstBatchWriting.countDown();
            await(release);
            batches.add(List.copyOf(batch));
        }, 1000, 100, Thread::new)) {
            history.add(0);
            assertThat(firstBatchWriting.await(10, TimeUnit.SECONDS)).isTrue();
            IntStream.rangeClosed(1, 250).forEach(history::add);
            assertThat(history.awaitWritten(Duration.ofMillis(50))).as("the writer is held").isFalse();
            release.countDown();

            assertThat(history.awaitWritten(Duration.ofSeconds(10))).isTrue();
            assertThat(batches).extracting(List::size).containsExactly(1, 100, 100, 50);
            assertThat(batches.stream().flatMap(List::stream)).containsExactlyElementsOf(
                    IntStream.rangeClosed(0, 250).boxed().toList());
        }
    }

    @Test
    void aFailingBatchIsRetriedAndThenWrittenRecordByRecordSoOnlyTheRefusedRecordIsLost() {
        AtomicInteger calls = new AtomicInteger();
        Consumer<List<Integer>> refusesSeven = batch -> {
            calls.incrementAndGet();
            if (batch.contains(7)) {
                throw new IllegalStateException("constraint violated");
            }
            batches.add(List.copyOf(batch));
        };
        CountDownLatch queued = new CountDownLatch(1);
        // the writer starts taking records once all ten are queued, so they make one batch
        ThreadFactory startsWhenQueued = writer -> new Thread(() -> {
            await(queued);
            writer.run();
        });
        try (WriteBehind<Integer> history = new WriteBehind<>("test", refusesSeven, 1000, 100, startsWhenQueued)) {
            IntStream.range(0, 10).forEach(history::add);
            queued.countDown();
            assertThat(history.awaitWritten(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(batches.stream().flatMap(List::stream)).containsExactly(0, 1, 2, 3, 4, 5, 6, 8, 9);
        assertThat(calls.get()).as("3 attempts of the batch, then 10 single records").isEqualTo(13);
    }

    @Test
    void aWriterThatRecoversLosesNothing() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        try (WriteBehind<Integer> history = new WriteBehind<>("test", batch -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database unavailable");
            }
            batches.add(List.copyOf(batch));
        }, 1000, 100, Thread::new)) {
            history.add(1);
            assertThat(history.awaitWritten(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(batches).containsExactly(List.of(1));
    }

    @Test
    void closeWritesWhatIsQueued() {
        CountDownLatch release = new CountDownLatch(1);
        WriteBehind<Integer> history = new WriteBehind<>("test", batch -> {
            await(release);
            batches.add(List.copyOf(batch));
        }, 1000, 100, Thread::new);
        IntStream.range(0, 300).forEach(history::add);
        release.countDown();
        history.close(Duration.ofSeconds(10));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(300);
    }

    @Test
    void aFullQueueMakesTheCallerWaitInsteadOfDropping() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> written = new ArrayList<>();
        try (WriteBehind<Integer> history = new WriteBehind<>("test", batch -> {
            await(release);
            synchronized (written) {
                written.addAll(batch);
            }
        }, 2, 10, Thread::new)) {
            CountDownLatch allAdded = new CountDownLatch(1);
            Thread producer = new Thread(() -> {
                IntStream.range(0, 20).forEach(history::add);
                allAdded.countDown();
            });
            producer.start();
            assertThat(allAdded.await(200, TimeUnit.MILLISECONDS)).as("waits for room").isFalse();
            release.countDown();
            assertThat(allAdded.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(history.awaitWritten(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(written).hasSize(20);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
