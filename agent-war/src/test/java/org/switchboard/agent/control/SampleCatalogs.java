package org.switchboard.agent.control;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.ClientLink;
import org.switchboard.agent.entity.Kind;
import org.switchboard.agent.entity.Limits;
import org.switchboard.agent.entity.ProcessGroup;
import org.switchboard.agent.entity.Program;
import org.switchboard.agent.entity.Readiness;
import org.switchboard.protocol.Endpoint;

/** Catalogs for tests, written as the JSON an operator would write. */
final class SampleCatalogs {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** The repository's catalog, next to its demo programs. */
    static final Path REPOSITORY_CATALOG = Path.of("..", "config", "catalog.json");

    /** The test programs' directory: fixed scripts under src/test/resources/programs. */
    static final Path PROGRAMS = Path.of("target", "test-classes", "programs").toAbsolutePath();

    private SampleCatalogs() {
    }

    /** Applications whose argv name scripts in {@link #PROGRAMS} as {@code {catalogDir}/script.sh}. */
    static Catalog ofPrograms(String... applications) {
        return Catalog.parse("{\"applications\":[" + String.join(",", applications) + "]}", PROGRAMS, READY_TIMEOUT);
    }

    /** A launcher as the agent makes one, on loopback. */
    static Launcher launcher(Catalog catalog, Duration stopGrace) {
        return new Launcher(catalog, "127.0.0.1", Launcher.currentJava(), ProcessGroup.setsid(),
                task -> new Thread(task).start(), Clock.systemUTC(), stopGrace, RelaySide.LINK);
    }

    /** A program around a process the test started itself, of an application with the given limits. */
    static Program program(String session, Process process, Limits limits) {
        return new Program(application(limits), session, "tester", process, new Endpoint("127.0.0.1", 1), Instant.now(),
                ClientLink.unwatched());
    }

    /** The application "test" with the given limits. */
    static Application application(Limits limits) {
        return new Application("test", Kind.STDIO, List.of("test"), Readiness.byDefault(READY_TIMEOUT), null, null,
                limits);
    }

    static Program program(String session, Process process) {
        return program(session, process, Limits.none());
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

    /** The X terminal on a desktop of the given screen size. */
    static String xterm(String screen) {
        return "{\"name\":\"xterm\",\"kind\":\"desktop\",\"argv\":[\"xterm\"],\"screen\":\"" + screen + "\"}";
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
