package org.switchboard.agent.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A stdio program's output up to its ready line. The agent reads it before any client is there, and the client gets
 * every byte of it first: to the client the output is whole.
 */
final class EarlyOutput implements Runnable {

    private static final int MAX_LINE = 64 * 1024;

    private final InputStream output;
    private final Pattern readyLine;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private volatile boolean ready;
    private volatile boolean ended;

    EarlyOutput(InputStream output, Pattern readyLine) {
        this.output = output;
        this.readyLine = readyLine;
    }

    /** Reads byte by byte, so that nothing after the ready line is taken from the bridge. */
    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int next;
            while ((next = output.read()) != -1) {
                synchronized (this) {
                    read.write(next);
                }
                if (next != '\n' && line.size() < MAX_LINE) {
                    line.write(next);
                    continue;
                }
                if (readyLine.matcher(line.toString(StandardCharsets.UTF_8)).find()) {
                    ready = true;
                    return;
                }
                line.reset();
            }
        } catch (IOException closed) {
            // the program was stopped
        }
        ended = true;
    }

    boolean ready() {
        return ready;
    }

    /** Whether the output ended before the ready line: the program is gone or going. */
    boolean ended() {
        return ended;
    }

    synchronized byte[] bytes() {
        return read.toByteArray();
    }

    /** The last lines read, to explain a failed launch. */
    String lastLines(int count) {
        String[] lines = new String(bytes(), StandardCharsets.UTF_8).split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - count), lines.length));
    }
}
