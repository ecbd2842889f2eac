package org.switchboard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster of one test: {@code initdb} into a directory under the work directory, the server
 * on a free port of 127.0.0.1 with its Unix socket in that directory, and a database {@value #DATABASE} owned by the
 * user {@value #USER}, who logs in over TCP with a password (scram-sha-256). PostgreSQL refuses to run as root: when
 * the tests do, the server programs run as the unprivileged user {@code postgres} (Debian's package creates it),
 * which then owns the directory. {@link #close()} stops the server by its PID (a fast shutdown, then SIGKILL), also
 * when the start failed halfway. The server binaries come from system property {@code postgres.bin}, or else the
 * newest {@code /usr/lib/postgresql/<version>/bin}.
 */
final class PostgresCluster implements AutoCloseable {

    static final String DATABASE = "switchboard";
    static final String USER = "switchboard";
    /** The cluster's superuser; it logs in only through the Unix socket (trust), for setting the cluster up. */
    private static final String ADMIN = "admin";
    private static final String SERVICE_USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path bin = binaries();
    private final int port = Ports.free();
    private final Path dir;
    private final String password = "pw-" + UUID.randomUUID();
    private final boolean root = "0".equals(run(List.of("id", "-u")).trim());
    private Process server;
    private int commands;

    private PostgresCluster(String name) {
        dir = MicroInstance.workdir().resolve("postgres-" + name + "-" + port).toAbsolutePath();
    }

    /** Creates, starts and sets up a cluster; whatever of it started is stopped if a step fails. */
    static PostgresCluster start(String name) {
        PostgresCluster cluster = new PostgresCluster(name);
        try {
            cluster.initdb();
            cluster.launch();
            cluster.createDatabase();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String password() {
        return password;
    }

    int port() {
        return port;
    }

    Path log() {
        return dir.resolve("postgres.log");
    }

    /** A connection as {@value #USER}, over TCP with the password, as the master connects. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    /** The first column of every row {@code query} answers, in its order. */
    static List<String> column(Connection sql, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = sql.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The first two columns of every row {@code query} answers, as keys and values. */
    static Map<String, String> pairs(Connection sql, String query) throws SQLException {
        Map<String, String> pairs = new HashMap<>();
        try (PreparedStatement statement = sql.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                pairs.put(rows.getString(1), rows.getString(2));
            }
        }
        return pairs;
    }

    private void initdb() {
        try {
            Files.createDirectories(dir.resolve("socket"));
            if (root) {
                ownedByServiceUser(dir);
                ownedByServiceUser(dir.resolve("socket"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        asServiceUser("initdb", bin.resolve("initdb").toString(), "--pgdata", dir.resolve("data").toString(),
                "--username", ADMIN, "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8",
                "--locale=C", "--no-sync");
    }

    private void launch() {
        List<String> command = serviceUser(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                "-p", String.valueOf(port), "-k", dir.resolve("socket").toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off");
        try {
            // setpriv executes postgres in its own process: the PID is the server's
            server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Eventually.await("PostgreSQL accepts connections on 127.0.0.1:" + port + " (log: " + log() + ")",
                READY_TIMEOUT, () -> {
                    if (!server.isAlive()) {
                        throw new AssertionError("PostgreSQL exited with " + server.exitValue() + ":\n" + read(log()));
                    }
                    return exitCode(List.of(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
                            String.valueOf(port), "-t", "1")) == 0;
                });
    }

    private void createDatabase() {
        // the password is a fixed-form value of this class, never input from outside
        command("psql", bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", dir.resolve("socket").toString(), "-p", String.valueOf(port), "-U", ADMIN, "-d", "postgres",
                "-c", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'",
                "-c", "CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    /** Stops the server by its PID: SIGINT (PostgreSQL's fast shutdown), then SIGKILL if it does not end in time. */
    @Override
    public void close() {
        if (server == null || !server.isAlive()) {
            return;
        }
        exitCode(List.of("kill", "-INT", String.valueOf(server.pid())));
        try {
            if (!server.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                server.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void asServiceUser(String name, String... command) {
        command(name, serviceUser(command).toArray(String[]::new));
    }

    private List<String> serviceUser(String... command) {
        List<String> argv = new ArrayList<>();
        if (root) {
            argv.addAll(List.of("setpriv", "--reuid=" + SERVICE_USER, "--regid=" + SERVICE_USER, "--init-groups",
                    "--"));
        }
        argv.addAll(List.of(command));
        return argv;
    }

    /** Runs a setup command to its end, its output in a file of the cluster's directory; fails if it fails. */
    private void command(String name, String... command) {
        Path output = dir.resolve(String.format("%02d-%s.log", ++commands, name));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s: "
                        + read(output));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(name + " failed with exit " + process.exitValue() + ":\n" + read(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + name, e);
        }
    }

    private static int exitCode(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    private static void ownedByServiceUser(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(SERVICE_USER));
        GroupPrincipal group = users.lookupPrincipalByGroupName(SERVICE_USER);
        view.setGroup(group);
    }

    private static Path binaries() {
        String configured = System.getProperty("postgres.bin");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                    .max(Comparator.comparing(candidate -> versionOf(candidate.getParent())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql "
                            + "(install-packages.sh installs Debian's postgresql)"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql (install-packages.sh "
                    + "installs Debian's postgresql), or set system property postgres.bin", e);
        }
    }

    private static int versionOf(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "(no " + file + ")";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }
}
