package org.switchboard.agent.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;

/**
 * A file listing the programs this agent runs (pool programs too), so that the next agent on the same server can stop
 * what a crashed or killed one left behind: programs outlive the agent's JVM. A process counts as a leftover only if
 * both its process id and its start time match, so a recycled process id is never mistaken for one; if the program
 * itself has ended, the processes still in its session are leftovers.
 * <p>
 * One line per program: {@code <pid> <start time, epoch ms> <session>}.
 */
public final class ProgramJournal {

    private static final Logger LOG = Logger.getLogger(ProgramJournal.class.getName());

    private final Path file;
    /**
     * Each program's line, by pid and session, made once: its process' start time is read from the operating system
     * (several files of {@code /proc}), which for every program at every write made a write cost programs × reads.
     */
    private Map<String, String> lines = new HashMap<>();

    public ProgramJournal(Path file) {
        this.file = file;
    }

    /** Replaces the journal with the programs running now; a journal that cannot be written is only logged. */
    public synchronized void write(Collection<Program> running) {
        Map<String, String> now = new LinkedHashMap<>();
        for (Program program : running) {
            String key = program.pid() + " " + program.session();
            Optional.ofNullable(lines.get(key)).or(() -> line(program)).ifPresent(line -> now.put(key, line));
        }
        lines = now;
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.write(next, now.values());
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warning(() -> "cannot write the program journal " + file + ": " + e);
        }
    }

    private static Optional<String> line(Program program) {
        return ProcessHandle.of(program.pid()).flatMap(handle -> handle.info().startInstant())
                .map(started -> program.pid() + " " + started.toEpochMilli() + " " + program.session());
    }

    /**
     * Stops the programs a previous agent journaled that still run, and what is left of those that ended; returns the
     * sessions of every journaled program, ended now or before: the previous agent may have died before it could
     * tell the master of any of them.
     */
    public synchronized List<String> stopLeftovers(Duration grace) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the program journal " + file, e);
        }
        List<ProcessHandle> leftovers = lines.stream().flatMap(line -> leftover(line).stream()).toList();
        leftovers.forEach(handle -> LOG.warning(() -> "stopping process " + handle.pid()
                + " and its session, left running by a previous agent"));
        ProcessGroup.stop(leftovers, grace);
        write(List.of());
        return lines.stream().map(line -> line.trim().split(" ")).filter(fields -> fields.length >= 3)
                .map(fields -> fields[2]).toList();
    }

    /**
     * The journaled program if it still runs, or what is left of its session if it has ended: each program led a
     * session of its own whose id is its process id ({@link ProcessGroup}).
     */
    private static Set<ProcessHandle> leftover(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length < 2) {
            return Set.of();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            Instant started = Instant.ofEpochMilli(Long.parseLong(fields[1]));
            Optional<ProcessHandle> leader = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().startInstant().map(started::equals).orElse(false));
            return leader.map(Set::of).orElseGet(() -> ProcessGroup.remainsOf(pid));
        } catch (NumberFormatException e) {
            return Set.of();
        }
    }
}
