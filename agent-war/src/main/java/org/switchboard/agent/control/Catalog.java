package org.switchboard.agent.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.Kind;

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

    /** One application as the file states it, checked by {@link #toApplication}. */
    public record Entry(String name, String kind, List<String> argv, Long readyTimeoutMs, Map<String, String> env,
                        String workdir) {

        Application toApplication(Path catalogDirectory, Duration defaultReadyTimeout) {
            Kind parsedKind = Kind.of(kind).orElseThrow(() -> new InvalidCatalogException(
                    "application '" + name + "' has the unknown kind '" + kind + "'; known: tcp, stdio"));
            Duration readyTimeout = readyTimeoutMs == null ? defaultReadyTimeout : Duration.ofMillis(readyTimeoutMs);
            Application application;
            try {
                application = new Application(name, parsedKind, argv == null ? List.of() : new ArrayList<>(argv),
                        readyTimeout, env, workdir == null ? null : resolve(catalogDirectory, workdir));
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

        private static Path resolve(Path catalogDirectory, String workdir) {
            Path path = Path.of(workdir);
            return catalogDirectory == null || path.isAbsolute() ? path : catalogDirectory.resolve(path).normalize();
        }
    }
}
