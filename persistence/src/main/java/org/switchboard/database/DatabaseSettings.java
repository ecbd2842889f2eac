package org.switchboard.database;

import static java.util.function.Predicate.not;

import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which database the master uses. With {@value #URL} set, that JDBC URL, with {@value #USER} and {@value #PASSWORD}
 * when given; otherwise the embedded default, an H2 file database in the directory {@value #H2_DIRECTORY}. Read
 * through MicroProfile Config, so each key can also come from the environment ({@code SWITCHBOARD_DB_URL} ...).
 * The password is never part of {@link #toString()}.
 */
public record DatabaseSettings(String url, String user, String password) {

    public static final String URL = "switchboard.db.url";
    public static final String USER = "switchboard.db.user";
    public static final String PASSWORD = "switchboard.db.password";
    public static final String H2_DIRECTORY = "switchboard.dbdir";

    /** The user H2 made the administrator of databases created before the URL was configurable. */
    private static final String H2_USER = "sa";

    public static DatabaseSettings fromConfig() {
        Config config = ConfigProvider.getConfig(DatabaseSettings.class.getClassLoader());
        return from(key -> config.getOptionalValue(key, String.class));
    }

    /** The settings from {@code config}, a lookup of configuration values by key. */
    public static DatabaseSettings from(Function<String, Optional<String>> config) {
        Optional<String> url = value(config, URL);
        if (url.isPresent()) {
            return new DatabaseSettings(url.get(), value(config, USER).orElse(null),
                    config.apply(PASSWORD).orElse(null));
        }
        String directory = value(config, H2_DIRECTORY).orElseThrow(() -> new IllegalStateException(
                "no database configured: set " + URL + " to a JDBC URL, or " + H2_DIRECTORY
                        + " to a directory for the embedded H2 database"));
        // WRITE_DELAY=0: H2 keeps no log and writes committed changes out in the background, half a second later by
        // default, so a master killed in between would lose sessions its clients were already told of
        return new DatabaseSettings("jdbc:h2:file:" + directory + "/switchboard;DB_CLOSE_DELAY=-1;WRITE_DELAY=0",
                value(config, USER).orElse(H2_USER), config.apply(PASSWORD).orElse(""));
    }

    private static Optional<String> value(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::trim).filter(not(String::isEmpty));
    }

    /** The URL and user, for logs: a password written into the URL is masked. */
    @Override
    public String toString() {
        String shown = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
        return user == null ? shown : shown + " as " + user;
    }
}
