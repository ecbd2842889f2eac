package org.switchboard.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A program a test starts as a separate process, such as the {@code switchboard} command line or {@code curl}: its
 * standard input to type into, its standard output and error collected as they come, its exit awaited with a
 * timeout. {@link #close()} stops it by its handle, with anything it started.
 */
final class RunningProcess implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CountDownLatch collected = new CountDownLatch(2);

    private RunningProcess(List<String> command, ProcessBuilder builder) {
        this.command = command;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        collect(process.getInputStream(), stdout);
        collect(process.getErrorStream(), stderr);
    }

    /** {@code java -jar switchboard-cli.jar args...} with {@code home} as its {@code SWITCHBOARD_HOME}. */
    static RunningProcess switchboard(Path home, String... args) {
        Path jar = MicroInstance.deployment("switchboard-cli.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the command line's jar is missing: " + jar.toAbsolutePath());
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("SWITCHBOARD_"));
        builder.environment().put("SWITCHBOARD_HOME", home.toAbsolutePath().toString());
        return new RunningProcess(command, builder);
    }

    static RunningProcess of(String... command) {
        return new RunningProcess(List.of(command), new ProcessBuilder(command));
    }

    RunningProcess type(String text) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot type into " + command, e);
        }
    }

    /** Closes its standard input, as Ctrl-D at a terminal would. */
    RunningProcess endInput() {
        try {
            process.getOutputStream().close();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits for its exit and returns the exit code; fails, with what it said, if it does not exit in time. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(command + " did not exit within " + timeout.toSeconds() + " s; stderr: "
                        + stderr());
            }
            // the collectors finish once the pipes are drained, which may be just after the exit
            if (!collected.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the output of " + command + " was not collected after its exit");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + command, e);
        }
    }

    /** Runs it to its end with no input; returns it, exited. */
    RunningProcess finish(Duration timeout) {
        endInput();
        awaitExit(timeout);
        return this;
    }

    int exitCode() {
        return process.exitValue();
    }

    private void collect(InputStream from, ByteArrayOutputStream into) {
        Thread collector = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int read; (read = from.read(buffer)) >= 0; ) {
                    synchronized (into) {
                        into.write(buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                collected.countDown();
            }
        }, "collect-" + command.get(0));
        collector.setDaemon(true);
        collector.start();
    }

    @Override
    public void close() {
        List<ProcessHandle> started = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
