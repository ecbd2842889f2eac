package org.switchboard.agent.control;

import java.nio.file.Path;
import java.time.Duration;

/** Catalogs for tests, written as the JSON an operator would write. */
final class SampleCatalogs {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** The repository's catalog, next to its demo programs. */
    static final Path REPOSITORY_CATALOG = Path.of("..", "config", "catalog.json");

    private SampleCatalogs() {
    }

    static Catalog of(String... applications) {
        return Catalog.parse("{\"applications\":[" + String.join(",", applications) + "]}", Path.of("/opt/apps"),
                READY_TIMEOUT);
    }

    static Catalog repository() {
        return Catalog.load(REPOSITORY_CATALOG, READY_TIMEOUT);
    }

    static String cat() {
        return "{\"name\":\"cat\",\"kind\":\"stdio\",\"argv\":[\"cat\"]}";
    }

    /** A tcp program that never listens. */
    static String deaf(long readyTimeoutMs) {
        return "{\"name\":\"deaf\",\"kind\":\"tcp\",\"argv\":[\"sleep\",\"600\",\"{port}\"],\"readyTimeoutMs\":"
                + readyTimeoutMs + "}";
    }

    /** A tcp program that fails at once, saying why. */
    static String failing() {
        return "{\"name\":\"failing\",\"kind\":\"tcp\",\"argv\":[\"sh\",\"-c\",\"echo cannot bind port $0; exit 3\","
                + "\"{port}\"]}";
    }
}
