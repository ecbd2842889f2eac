package org.switchboard.agent.entity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalog application: the only kind of thing an agent launches. Its command line is a fixed list of arguments in
 * which placeholders such as {@code {port}} are replaced, each inside its own argument: a value never becomes more or
 * fewer arguments, and no shell ever reads it.
 *
 * @param argv        the command line, with placeholders from {@link #PLACEHOLDERS}
 * @param readiness   when a launched program counts as ready, and how long it may take
 * @param environment variables added to the agent's own environment
 * @param workdir     the program's working directory, or {@code null} for the agent's
 * @param limits      instances, weight, lifetime and pool
 * @param screen      the virtual display of a {@link Kind#DESKTOP} application ({@link Screen#DEFAULT} if none is
 *                    given); none for the other kinds
 */
public record Application(String name, Kind kind, List<String> argv, Readiness readiness,
                          Map<String, String> environment, Path workdir, Limits limits, Screen screen) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final Set<String> PLACEHOLDERS = Set.of("port", "session", "client", "catalogDir", "java");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    public Application {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("application name '" + name + "' does not match " + NAME);
        }
        Objects.requireNonNull(kind, () -> "application '" + name + "' has no kind");
        if (argv == null || argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("application '" + name + "' has an empty argv");
        }
        for (String argument : argv) {
            if (argument == null) {
                throw new IllegalArgumentException("application '" + name + "' has a null argument");
            }
            for (String placeholder : placeholdersIn(argument)) {
                if (!PLACEHOLDERS.contains(placeholder)) {
                    throw new IllegalArgumentException("application '" + name + "' uses the unknown placeholder {"
                            + placeholder + "}; known: " + PLACEHOLDERS);
                }
            }
        }
        argv = List.copyOf(argv);
        Objects.requireNonNull(readiness, () -> "application '" + name + "' has no readiness");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        limits = limits == null ? Limits.none() : limits;
        if (limits.pool() > 0 && (uses(argv, "session") || uses(argv, "client"))) {
            // a pooled program starts before anyone knows the session and client it will serve
            throw new IllegalArgumentException("application '" + name + "' is pooled, so its argv cannot use {session}"
                    + " or {client}");
        }
        if (kind == Kind.DESKTOP) {
            screen = screen == null ? Screen.DEFAULT : screen;
            if (uses(argv, "port")) {
                throw new IllegalArgumentException("desktop application '" + name + "' cannot use {port}: the port is "
                        + "its VNC server's, not the X program's");
            }
            if (readiness.readyLine().isPresent()) {
                throw new IllegalArgumentException("desktop application '" + name + "' cannot have a \"ready\" line: "
                        + "it is ready once its VNC server accepts");
            }
        } else if (screen != null) {
            throw new IllegalArgumentException("application '" + name + "' has a screen, but only desktop "
                    + "applications have one, not " + kind.label() + " ones");
        }
    }

    /** An application without a screen of its own: a desktop one gets {@link Screen#DEFAULT}. */
    public Application(String name, Kind kind, List<String> argv, Readiness readiness, Map<String, String> environment,
                       Path workdir, Limits limits) {
        this(name, kind, argv, readiness, environment, workdir, limits, null);
    }

    /** How long a program may take to get ready. */
    public Duration readyTimeout() {
        return readiness.timeout();
    }

    public boolean uses(String placeholder) {
        return uses(argv, placeholder);
    }

    private static boolean uses(List<String> argv, String placeholder) {
        return argv.stream().anyMatch(argument -> placeholdersIn(argument).contains(placeholder));
    }

    /**
     * The command line with every placeholder replaced by its value. Each value lands inside the argument that named
     * it, whatever characters it has.
     */
    public List<String> commandLine(Map<String, String> values) {
        return argv.stream().map(argument -> substitute(argument, values)).toList();
    }

    private String substitute(String argument, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(argument);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + matcher.group(1) + "} in application '" + name + "'");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static List<String> placeholdersIn(String argument) {
        return PLACEHOLDER.matcher(argument).results().map(match -> match.group(1)).toList();
    }
}
