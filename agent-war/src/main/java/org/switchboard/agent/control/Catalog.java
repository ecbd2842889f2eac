package org.switchboard.agent.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.Kind;
import org.switchboard.agent.entity.Limits;
import org.switchboard.agent.entity.Readiness;
import org.switchboard.agent.entity.Screen;

/**
 * The applications this agent may launch, read from a JSON file (format in the module's README). A catalog is checked
 * completely when it is read: an agent with a doubtful catalog does not start.
 */
public final class Catalog {

    /** The catalog inside the agent, used when none is configured: only programs a JDK and a POSIX shell provide. */
    public static final String BUNDLED = "bundled-catalog.json";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Application> applications;
    private final Path directory;

    private Catalog(Map<String, Application> applications, Path directory) {
        this.applications = applications;
        this.directory = directory;
    }

    /** Reads a catalog file; {@code {catalogDir}} stands for the directory it is in. */
    public static Catalog load(Path file, Duration defaultReadyTimeout) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return parse(Files.readString(absolute), absolute.getParent(), defaultReadyTimeout);
        } catch (IOException e) {
            throw new InvalidCatalogException("cannot read the catalog " + absolute + ": " + e.getMessage(), e);
        } catch (InvalidCatalogException e) {
            throw new InvalidCatalogException("catalog " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** The catalog bundled with the agent; it has no directory, so its applications cannot use {@code {catalogDir}}. */
    public static Catalog bundled(Duration defaultReadyTimeout) {
        try (InputStream in = Catalog.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new InvalidCatalogException("the bundled catalog " + BUNDLED + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, defaultReadyTimeout);
        } catch (IOException e) {
            throw new InvalidCatalogException("cannot read the bundled catalog: " + e.getMessage(), e);
        }
    }

    /**
     * @param directory what {@code {catalogDir}} stands for, or {@code null} when the catalog has no directory
     */
    public static Catalog parse(String json, Path directory, Duration defaultReadyTimeout) {
        requireKnownFields(json);
        CatalogFile file;
        try (Jsonb jsonb = JsonbBuilder.create()) {
            file = jsonb.fromJson(json, CatalogFile.class);
        } catch (JsonbException e) {
            throw new InvalidCatalogException("not a catalog: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new InvalidCatalogException("cannot parse the catalog: " + e.getMessage(), e);
        }
        if (file == null || file.applications() == null || file.applications().isEmpty()) {
            throw new InvalidCatalogException("the catalog has no \"applications\"");
        }
        Map<String, Application> applications = new LinkedHashMap<>();
        for (Entry entry : file.applications()) {
            Application application = entry.toApplication(directory, defaultReadyTimeout);
            if (applications.putIfAbsent(application.name(), application) != null) {
                throw new InvalidCatalogException("the application '" + application.name() + "' is listed twice");
            }
        }
        return new Catalog(Map.copyOf(applications), directory);
    }

    public Optional<Application> application(String name) {
        return Optional.ofNullable(name).map(applications::get);
    }

    /** The applications, by name. */
    public List<Application> applications() {
        return names().stream().map(applications::get).toList();
    }

    public List<String> names() {
        return applications.keySet().stream().sorted().toList();
    }

    /** What {@code {catalogDir}} stands for; empty for the bundled catalog. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The file's shape, as JSON-B reads it. */
    public record CatalogFile(List<Entry> applications) {
    }

    /** The {@code "ready"} object of an application. */
    public record ReadyEntry(String line) {
    }

    /** One application as the file states it, checked by {@link #toApplication}. */
    public record Entry(String name, String kind, List<String> argv, Long readyTimeoutMs, ReadyEntry ready,
                        Map<String, String> env, String workdir, Integer maxInstances, Integer weight,
                        Long maxLifetimeSeconds, Integer pool, Long idleTimeoutSeconds, String screen) {

        /** Every field an application may have: a misspelt one would otherwise be dropped without a word. */
        static final Set<String> FIELDS = Set.of("name", "kind", "argv", "readyTimeoutMs", "ready", "env", "workdir",
                "maxInstances", "weight", "maxLifetimeSeconds", "pool", "idleTimeoutSeconds", "screen");
        static final Set<String> READY_FIELDS = Set.of("line");

        Application toApplication(Path catalogDirectory, Duration defaultReadyTimeout) {
            Kind parsedKind = Kind.of(kind).orElseThrow(() -> new InvalidCatalogException(
                    "application '" + name + "' has the unknown kind '" + kind + "'; known: "
                    + Arrays.stream(Kind.values()).map(Kind::label).toList()));
            Application application;
            try {
                Path directory = workdir == null ? null : resolve(catalogDirectory, workdir);
                if (directory != null && !Files.isDirectory(directory)) {
                    throw new IllegalArgumentException("the workdir " + directory + " of application '" + name
                            + "' is not a directory");
                }
                application = new Application(name, parsedKind, argv == null ? List.of() : new ArrayList<>(argv),
                        readiness(defaultReadyTimeout), env, directory, limits(), parsedScreen());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidCatalogException(e.getMessage(), e);
            }
            if (catalogDirectory == null && application.uses("catalogDir")) {
                throw new InvalidCatalogException("application '" + name
                        + "' uses {catalogDir}, but this catalog is not a file in a directory");
            }
            if (application.kind() == Kind.TCP && !application.uses("port")) {
                throw new InvalidCatalogException("tcp application '" + name + "' must take its {port}");
            }
            return application;
        }

        private Readiness readiness(Duration defaultReadyTimeout) {
            if (readyTimeoutMs != null && readyTimeoutMs <= 0) {
                throw new IllegalArgumentException("application '" + name + "' needs a positive readyTimeoutMs, not "
                        + readyTimeoutMs);
            }
            Duration timeout = readyTimeoutMs == null ? defaultReadyTimeout : Duration.ofMillis(readyTimeoutMs);
            if (ready == null) {
                return Readiness.byDefault(timeout);
            }
            if (ready.line() == null || ready.line().isEmpty()) {
                throw new IllegalArgumentException("application '" + name + "' has a \"ready\" without a \"line\"");
            }
            try {
                return new Readiness(Pattern.compile(ready.line()), timeout);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("application '" + name + "' has a ready line that is no regular "
                        + "expression: " + e.getDescription() + " in " + ready.line(), e);
            }
        }

        private Screen parsedScreen() {
            try {
                return screen == null ? null : Screen.of(screen);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("application '" + name + "': " + e.getMessage(), e);
            }
        }

        private Limits limits() {
            Limits none = Limits.none();
            Duration lifetime = null;
            if (maxLifetimeSeconds != null) {
                if (maxLifetimeSeconds <= 0) {
                    throw new IllegalArgumentException("application '" + name
                            + "' needs a positive maxLifetimeSeconds, not " + maxLifetimeSeconds);
                }
                lifetime = Duration.ofSeconds(maxLifetimeSeconds);
            }
            if (idleTimeoutSeconds != null && idleTimeoutSeconds <= 0) {
                throw new IllegalArgumentException("application '" + name
                        + "' needs a positive idleTimeoutSeconds, not " + idleTimeoutSeconds);
            }
            try {
                return new Limits(maxInstances == null ? none.maxInstances() : maxInstances,
                        weight == null ? none.weight() : weight, lifetime, pool == null ? none.pool() : pool,
                        idleTimeoutSeconds == null ? null : Duration.ofSeconds(idleTimeoutSeconds));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("application '" + name + "': " + e.getMessage(), e);
            }
        }

        private static Path resolve(Path catalogDirectory, String workdir) {
            Path path = Path.of(workdir);
            return catalogDirectory == null || path.isAbsolute() ? path : catalogDirectory.resolve(path).normalize();
        }
    }

    /** Refuses fields the agent does not know, before JSON-B would quietly ignore them. */
    private static void requireKnownFields(String json) {
        JsonValue root;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            root = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidCatalogException("not a catalog: " + e.getMessage(), e);
        }
        if (!(root instanceof JsonObject catalog) || !(catalog.get("applications") instanceof JsonArray entries)) {
            return; // JSON-B and the checks after it say what is wrong with this one
        }
        for (JsonValue entry : entries) {
            if (entry instanceof JsonObject application) {
                String name = application.get("name") instanceof JsonString text ? text.getString() : "?";
                unknown(application.keySet(), Entry.FIELDS).ifPresent(field -> {
                    throw new InvalidCatalogException("application '" + name + "' has the unknown field \"" + field
                            + "\"; known: " + new TreeSet<>(Entry.FIELDS));
                });
                if (application.get("ready") instanceof JsonObject ready) {
                    unknown(ready.keySet(), Entry.READY_FIELDS).ifPresent(field -> {
                        throw new InvalidCatalogException("application '" + name + "' has the unknown field "
                                + "\"ready\": {\"" + field + "\"}; known: " + Entry.READY_FIELDS);
                    });
                }
            }
        }
    }

    private static Optional<String> unknown(Set<String> fields, Set<String> known) {
        return fields.stream().filter(field -> !known.contains(field)).sorted().findFirst();
    }
}
