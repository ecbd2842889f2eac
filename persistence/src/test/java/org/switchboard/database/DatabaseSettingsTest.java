package org.switchboard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static DatabaseSettings from(Map<String, String> config) {
        return DatabaseSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void withoutAUrlTheMasterUsesAnH2FileDatabaseInItsDirectory() {
        DatabaseSettings settings = from(Map.of(DatabaseSettings.H2_DIRECTORY, "/var/lib/switchboard/db"));

        assertThat(settings.url()).isEqualTo("jdbc:h2:file:/var/lib/switchboard/db/switchboard;DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
        assertThat(settings.user()).isEqualTo("sa");
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void aUrlWithUserAndPasswordNamesTheDatabase() {
        DatabaseSettings settings = from(Map.of(DatabaseSettings.URL, " jdbc:postgresql://db.example:5432/switchboard ",
                DatabaseSettings.USER, "switchboard", DatabaseSettings.PASSWORD, "s3cret",
                DatabaseSettings.H2_DIRECTORY, "/ignored"));

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example:5432/switchboard");
        assertThat(settings.user()).isEqualTo("switchboard");
        assertThat(settings.password()).isEqualTo("s3cret");
    }

    @Test
    void aUrlAloneLeavesUserAndPasswordToTheUrlOrTheDriver() {
        DatabaseSettings settings = from(Map.of(DatabaseSettings.URL, "jdbc:postgresql://127.0.0.1/switchboard"));

        assertThat(settings.user()).isNull();
        assertThat(settings.password()).isNull();
    }

    @Test
    void anEmptyUrlCountsAsUnset() {
        DatabaseSettings settings = from(Map.of(DatabaseSettings.URL, " ", DatabaseSettings.H2_DIRECTORY, "/db"));

        assertThat(settings.url()).startsWith("jdbc:h2:file:/db/");
    }

    @Test
    void withNeitherUrlNorDirectoryTheMasterSaysWhatToSet() {
        assertThatThrownBy(() -> from(Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DatabaseSettings.URL).hasMessageContaining(DatabaseSettings.H2_DIRECTORY);
    }

    @Test
    void theDescriptionNeverShowsThePassword() {
        DatabaseSettings configured = from(Map.of(DatabaseSettings.URL, "jdbc:postgresql://127.0.0.1/switchboard",
                DatabaseSettings.USER, "switchboard", DatabaseSettings.PASSWORD, "s3cret"));
        DatabaseSettings inUrl = from(Map.of(DatabaseSettings.URL,
                "jdbc:postgresql://127.0.0.1/switchboard?user=switchboard&password=s3cret&ssl=false"));

        assertThat(configured.toString()).isEqualTo("jdbc:postgresql://127.0.0.1/switchboard as switchboard")
                .doesNotContain("s3cret");
        assertThat(inUrl.toString())
                .isEqualTo("jdbc:postgresql://127.0.0.1/switchboard?user=switchboard&password=***&ssl=false");
    }
}
