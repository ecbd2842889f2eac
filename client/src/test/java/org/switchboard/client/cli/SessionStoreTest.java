package org.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    @TempDir
    Path home;

    private static SavedSession saved(String id) {
        return new SavedSession(id, "cat", "me", "http://127.0.0.1:8080", "token-" + id, "relay");
    }

    @Test
    void keepsSessionsAcrossInstancesUntilRemoved() {
        new SessionStore(home).add(saved("a"));
        new SessionStore(home).add(saved("b"));

        SessionStore store = new SessionStore(home.resolve("."));
        assertThat(store.all()).containsExactly(saved("a"), saved("b"));
        assertThat(store.find("b")).contains(saved("b"));

        store.remove("a");
        assertThat(new SessionStore(home).all()).containsExactly(saved("b"));
        assertThat(store.find("a")).isEmpty();
    }

    @Test
    void anEmptyStoreHasNoFileAndTheFileIsTheOwnersOnly() throws IOException {
        Path inside = home.resolve("not-yet");
        assertThat(new SessionStore(inside).all()).isEmpty();

        new SessionStore(inside).add(saved("a"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inside.resolve("sessions.json"))))
                .isEqualTo("rw-------");
    }
}
