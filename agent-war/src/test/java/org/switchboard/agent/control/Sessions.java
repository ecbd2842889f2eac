package org.switchboard.agent.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test clean-up that does not trust the code under test: kills every process of the given sessions, found in /proc
 * by this class' own reading, so that a test that fails half-way (or a broken ProcessGroup) leaves nothing behind.
 */
final class Sessions {

    private Sessions() {
    }

    static void kill(Collection<Long> sessions) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(pid -> sessions.contains(sessionOf(pid)))
                    .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /** The live processes whose session id is {@code session}, found without the code under test. */
    static long members(long session) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(pid -> sessionOf(pid) == session && !zombie(pid)).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /** The live processes whose session id is {@code session}, found without the code under test. */
    static List<ProcessHandle> processes(long session) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(pid -> sessionOf(pid) == session && !zombie(pid))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)).stream()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static boolean zombie(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    /** The session id in /proc/<pid>/stat; -1 when the process is gone. */
    static long sessionOf(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
