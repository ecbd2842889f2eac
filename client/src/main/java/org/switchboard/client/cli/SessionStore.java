package org.switchboard.client.cli;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sessions this command line opened, in {@code sessions.json} of its home directory. The file holds session
 * tokens, so it is readable by its owner only; it is replaced as a whole on every change.
 */
final class SessionStore {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    private final Path file;

    SessionStore(Path home) {
        this.file = home.resolve("sessions.json");
    }

    List<SavedSession> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Arrays.asList(JSON.fromJson(Files.readString(file), SavedSession[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonbException e) {
            throw new IllegalStateException(file + " is not a list of sessions; remove it to start afresh", e);
        }
    }

    Optional<SavedSession> find(String id) {
        return all().stream().filter(session -> session.id().equals(id)).findFirst();
    }

    void add(SavedSession session) {
        List<SavedSession> sessions = new ArrayList<>(all());
        sessions.removeIf(saved -> saved.id().equals(session.id()));
        sessions.add(session);
        write(sessions);
    }

    void remove(String id) {
        List<SavedSession> sessions = new ArrayList<>(all());
        if (sessions.removeIf(saved -> saved.id().equals(id))) {
            write(sessions);
        }
    }

    private void write(List<SavedSession> sessions) {
        try {
            Files.createDirectories(file.getParent());
            Path next = Files.createTempFile(file.getParent(), "sessions", ".json");
            if (next.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(next, JSON.toJson(sessions.toArray(SavedSession[]::new)));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
