package org.switchboard.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the command line keeps its files ({@code $SWITCHBOARD_HOME}, else {@code ~/.switchboard}) and what it uses
 * when an option is not given: the environment first, then {@code config.properties} there, then a default.
 */
final class Settings {

    static final String DEFAULT_SLAVE = "http://127.0.0.1:8080";
    /** What the API accepts as a client id. */
    private static final String CLIENT_ID = "[A-Za-z0-9._@-]{1,64}";

    private final Path home;
    private final Map<String, String> environment;
    private final Properties file;

    Settings(Path home, Map<String, String> environment, Properties file) {
        this.home = home;
        this.environment = environment;
        this.file = file;
    }

    /** The settings of this user: {@code environment} is {@link System#getenv()} but for tests. */
    static Settings of(Map<String, String> environment, String userHome) {
        Path home = Optional.ofNullable(environment.get("SWITCHBOARD_HOME")).filter(dir -> !dir.isBlank())
                .map(Path::of).orElse(Path.of(userHome, ".switchboard"));
        Properties file = new Properties();
        Path config = home.resolve("config.properties");
        if (Files.isRegularFile(config)) {
            try (Reader reader = Files.newBufferedReader(config)) {
                file.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + config, e);
            }
        }
        return new Settings(home, environment, file);
    }

    Path home() {
        return home;
    }

    /** The primary slave's base URL: the option, {@code SWITCHBOARD_SLAVE}, {@code slave} in the file, the default. */
    URI slave(String option) {
        String url = first(option, "SWITCHBOARD_SLAVE", "slave").orElse(DEFAULT_SLAVE);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the slave must be an http:// or https:// URL, not " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException("the slave must be an http:// or https:// URL, not " + url);
        }
        return uri;
    }

    /** The client's identity: the option, {@code SWITCHBOARD_CLIENT}, {@code client} in the file, the user's name. */
    String client(String option) {
        String client = first(option, "SWITCHBOARD_CLIENT", "client")
                .orElseGet(() -> System.getProperty("user.name", "client").replaceAll("[^A-Za-z0-9._@-]", "-"));
        if (!client.matches(CLIENT_ID)) {
            throw new UsageException("a client id is 1 to 64 letters, digits or . _ @ -, not " + client);
        }
        return client;
    }

    /** The client's location: the option or {@code location} in the file; none lets the slave decide. */
    String location(String option) {
        return first(option, "SWITCHBOARD_LOCATION", "location").orElse(null);
    }

    private Optional<String> first(String option, String variable, String key) {
        return Optional.ofNullable(option).or(() -> Optional.ofNullable(environment.get(variable)))
                .or(() -> Optional.ofNullable(file.getProperty(key))).map(String::trim).filter(value -> !value.isEmpty());
    }
}
