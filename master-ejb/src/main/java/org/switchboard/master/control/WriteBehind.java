package org.switchboard.master.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records written off the caller's thread: {@link #add} queues a record and returns, one thread writes what is queued
 * in batches (one transaction each), so a decision never holds the database. Nothing is dropped: when the queue is
 * full, {@link #add} waits for room; a batch that fails is retried, then written record by record so that only a record
 * the database refuses by itself is lost (and logged); {@link #close} writes the rest. {@link #awaitWritten} returns
 * once everything queued before the call is written: a caller that must not answer before its record is durable
 * waits with it, and callers waiting at the same time share one transaction (group commit); readers get their own
 * writes.
 */
public final class WriteBehind<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WriteBehind.class.getName());
    private static final int ATTEMPTS = 3;

    private final String name;
    private final Consumer<List<T>> writer;
    private final int batchSize;
    private final BlockingQueue<T> queue;
    private final Thread thread;
    private final Object progress = new Object();
    /** Records queued and records done with (written, or refused and logged), under {@link #progress}. */
    private long added;
    private long done;
    private volatile boolean closing;

    /**
     * @param writer writes one batch in one transaction; throws when it could not
     * @param capacity how many records may wait before {@link #add} waits for room
     */
    public WriteBehind(String name, Consumer<List<T>> writer, int capacity, int batchSize, ThreadFactory threads) {
        this.name = name;
        this.writer = writer;
        this.batchSize = batchSize;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = threads.newThread(this::run);
        thread.setName("write-behind " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a record; waits only while the queue is full. */
    public void add(T record) {
        if (closing) {
            throw new IllegalStateException(name + " is closed");
        }
        synchronized (progress) {
            added++;
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (progress) {
                added--;
            }
            throw new IllegalStateException("interrupted while queueing to " + name, e);
        }
    }

    /** Waits until every record queued before this call is written; false if that took longer than {@code timeout}. */
    public boolean awaitWritten(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = added;
            while (done < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Records waiting to be written. */
    public int backlog() {
        return queue.size();
    }

    /** Stops taking records and writes what is queued, waiting at most {@code timeout}. */
    public void close(Duration timeout) {
        closing = true;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.severe(() -> name + ": " + queue.size() + " records could not be written before shutdown");
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void run() {
        List<T> batch = new ArrayList<>(batchSize);
        while (true) {
            T first;
            try {
                // polls rather than being interrupted: an interrupt inside a database write can break the database
                first = closing ? queue.poll() : queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                closing = true; // the container is stopping: write what is left
                continue;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            write(batch);
            synchronized (progress) {
                done += batch.size();
                progress.notifyAll();
            }
            batch.clear();
        }
    }

    private void write(List<T> batch) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                writer.accept(batch);
                return;
            } catch (RuntimeException e) {
                failure = e;
                if (attempt + 1 < ATTEMPTS) {
                    pause(attempt);
                }
            }
        }
        RuntimeException last = failure;
        LOG.log(Level.WARNING, last, () -> name + ": a batch of " + batch.size() + " failed " + ATTEMPTS
                + " times, writing its records one by one");
        for (T record : batch) {
            try {
                writer.accept(List.of(record));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, e, () -> name + ": record refused, not written: " + record);
            }
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(100L << attempt); // back off while the database recovers; the queue holds the records
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
