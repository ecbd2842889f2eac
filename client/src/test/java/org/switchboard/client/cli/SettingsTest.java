package org.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void theSlaveIsTheOptionElseTheEnvironmentElseTheFileElseLoopback() throws IOException {
        Files.writeString(home.resolve("config.properties"), "slave = http://127.0.0.1:7000\nclient=filed\n");
        Settings withEverything = Settings.of(Map.of("SWITCHBOARD_HOME", home.toString(),
                "SWITCHBOARD_SLAVE", "http://127.0.0.1:8000"), "/nonexistent");
        Settings withFile = Settings.of(Map.of("SWITCHBOARD_HOME", home.toString()), "/nonexistent");
        Settings withNothing = Settings.of(Map.of(), home.resolve("no-such-user").toString());

        assertThat(withEverything.slave("http://127.0.0.1:9000")).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(withEverything.slave(null)).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(withFile.slave(null)).isEqualTo(URI.create("http://127.0.0.1:7000"));
        assertThat(withNothing.slave(null)).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(withFile.client(null)).isEqualTo("filed");
        assertThat(withFile.client("given")).isEqualTo("given");
        assertThat(withNothing.home()).isEqualTo(home.resolve("no-such-user").resolve(".switchboard"));
    }

    @Test
    void aSlaveMustBeAnHttpUrlAndAClientIdWhatTheApiAccepts() {
        Settings settings = Settings.of(Map.of("SWITCHBOARD_HOME", home.toString()), "/nonexistent");

        assertThatThrownBy(() -> settings.slave("127.0.0.1:8080"))
                .hasMessage("the slave must be an http:// or https:// URL, not 127.0.0.1:8080");
        assertThatThrownBy(() -> settings.client("me and you")).hasMessageStartingWith("a client id is");
    }
}
