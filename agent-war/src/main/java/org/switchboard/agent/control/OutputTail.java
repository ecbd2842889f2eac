package org.switchboard.agent.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Reads a program's output to its end, so the program never blocks on a full pipe, and keeps its last lines to explain
 * a failed launch.
 */
final class OutputTail implements Runnable {

    private static final int MAX_LINE = 500;

    private final InputStream output;
    private final int lines;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Pattern readyLine;
    private volatile boolean ready;

    /** @param readyLine the line that makes the program ready, or {@code null} when its output does not tell */
    OutputTail(InputStream output, int lines, Pattern readyLine) {
        this.output = output;
        this.lines = lines;
        this.readyLine = readyLine;
    }

    OutputTail(InputStream output, int lines) {
        this(output, lines, null);
    }

    /** Whether a line with a match of the ready pattern has been read. */
    boolean sawReadyLine() {
        return ready;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!ready && readyLine != null && readyLine.matcher(line).find()) {
                    ready = true;
                }
                keep(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line);
            }
        } catch (IOException ignored) {
            // the pipe closed under us: the program is gone
        } finally {
            ended.countDown();
        }
    }

    private synchronized void keep(String line) {
        if (tail.size() == lines) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The last lines read, after waiting up to {@code patience} for the output to end. */
    String lastLines(Duration patience) {
        try {
            ended.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return String.join("\n", tail);
        }
    }
}
