package org.switchboard.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A full Payara Server (the distribution unpacked under {@code target/}, system property {@code payara.serverHome})
 * with a domain of its own, created under the work directory with a free port base. Everything it listens on is
 * bound to 127.0.0.1 (HTTP, admin, IIOP, JMX, the data grid), phone-home is off and the JMS broker is disabled; the
 * properties given with {@link #with} become JVM system properties of the server. {@link #start()} creates, configures
 * and starts the domain, {@link #deploy} deploys an archive; {@link #close()} stops the domain with
 * {@code asadmin stop-domain} and, should that not end it, the domain's JVM by the PID it recorded at start.
 * Every asadmin command's output is kept in a file next to the domain.
 */
final class PayaraServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    /** Offsets from the port base that {@code create-domain --portbase} hands out (the debugger's +9 stays off). */
    private static final int[] PORT_OFFSETS = {37, 38, 39, 48, 49, 50, 51, 59, 60, 61, 66, 76, 80, 81, 86};
    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(60);
    private static final File NO_INPUT = new File("/dev/null");

    private final String name;
    private final int portBase = freePortBase();
    private final Path domains;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private int commands;
    private ProcessHandle server;

    PayaraServer(String name) {
        this.name = name;
        this.domains = MicroInstance.workdir().resolve("payara-" + name + "-" + portBase).toAbsolutePath();
    }

    /** A JVM system property of the server; call before {@link #start()}. */
    PayaraServer with(String key, Object value) {
        properties.put(key, String.valueOf(value));
        return this;
    }

    int httpPort() {
        return portBase + HTTP_OFFSET;
    }

    int adminPort() {
        return portBase + ADMIN_OFFSET;
    }

    /** The base URL of the HTTP listener: {@code http://127.0.0.1:port}. */
    String url() {
        return "http://" + LOOPBACK + ":" + httpPort();
    }

    Path domainDir() {
        return domains.resolve(name);
    }

    Path log() {
        return domainDir().resolve("logs").resolve("server.log");
    }

    /** How long each step took (create-domain, start-domain, deploy ...), in order. */
    Map<String, Duration> timings() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** The domain's JVM, once started. */
    Optional<ProcessHandle> process() {
        return Optional.ofNullable(server);
    }

    /** Creates the domain, binds it to loopback, sets the system properties and starts it. */
    PayaraServer start() {
        try {
            Files.createDirectories(domains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        asadmin(CREATE_TIMEOUT, false, "create-domain", "--nopassword", "--portbase", String.valueOf(portBase),
                "--domaindir", domains.toString(), name);
        configure(domainDir().resolve("config").resolve("domain.xml"));
        try {
            asadmin(START_TIMEOUT, false, "start-domain", "--domaindir", domains.toString(), name);
        } finally {
            server = recordedProcess().orElse(null);
        }
        if (server == null) {
            throw new AssertionError("the domain started but left no config/pid" + diagnosis());
        }
        return this;
    }

    /**
     * Deploys {@code archive} (an EAR keeps the context roots of its application.xml), then waits until
     * {@code readyPath} answers on the HTTP listener.
     */
    PayaraServer deploy(Path archive, String applicationName, String readyPath) {
        asadmin(DEPLOY_TIMEOUT, true, "deploy", "--name", applicationName, archive.toAbsolutePath().toString());
        Eventually.await(applicationName + " answers on " + url() + readyPath, Duration.ofMinutes(2),
                () -> answers(readyPath));
        return this;
    }

    /** The last {@code lines} lines of server.log, for assertion messages. */
    String logTail(int lines) {
        try {
            if (!Files.exists(log())) {
                return "(no " + log() + ")";
            }
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + log() + ": " + e + ")";
        }
    }

    private String diagnosis() {
        return "\n--- tail of " + log() + " ---\n" + logTail(80);
    }

    @Override
    public void close() {
        ProcessHandle jvm = server != null ? server : recordedProcess().orElse(null);
        if (jvm == null || !jvm.isAlive()) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>(jvm.descendants().toList());
        try {
            asadmin(STOP_TIMEOUT, false, "stop-domain", "--domaindir", domains.toString(), name);
        } catch (AssertionError | RuntimeException e) {
            System.err.println("stop-domain failed, stopping PID " + jvm.pid() + " myself: " + e.getMessage());
        }
        if (!awaitExit(jvm, STOP_TIMEOUT)) {
            jvm.destroy();
            if (!awaitExit(jvm, KILL_TIMEOUT)) {
                jvm.destroyForcibly();
                awaitExit(jvm, KILL_TIMEOUT);
            }
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The JVM named by the domain's {@code config/pid}, if its command line names this domain's directory; the
     * handle carries the process' start time, so it never reaches another process that later gets the same number.
     */
    private Optional<ProcessHandle> recordedProcess() {
        Path pidFile = domainDir().resolve("config").resolve("pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(process -> process.info().commandLine().map(line -> line.contains(domains.toString()))
                            .orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Edits the new domain's domain.xml before its first start: the server's listeners on 127.0.0.1 and HTTP/1.1
     * only, the JMS broker (which would otherwise listen on every interface) disabled, phone-home off, the data grid
     * on loopback with a name of its own, and the system properties as JVM options.
     */
    private void configure(Path domainXml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            Document document = factory.newDocumentBuilder().parse(domainXml.toFile());
            Element root = document.getDocumentElement();
            Element config = serverConfig(root);

            for (String listener : List.of("network-listener", "iiop-listener", "jmx-connector")) {
                elements(config, listener).forEach(element -> element.setAttribute("address", LOOPBACK));
            }
            // HTTP/1.1 only, as on Micro (config/loopback.asadmin): Grizzly's cleartext HTTP/2 upgrade can deadlock
            elements(config, "http").forEach(http -> http.setAttribute("http2-enabled", "false"));

            Element jms = first(config, "jms-service").orElseGet(() -> {
                Element created = document.createElement("jms-service");
                created.setAttribute("default-jms-host", "default_JMS_host");
                Element host = document.createElement("jms-host");
                host.setAttribute("name", "default_JMS_host");
                host.setAttribute("host", LOOPBACK);
                host.setAttribute("port", "${JMS_PROVIDER_PORT}");
                host.setAttribute("lazy-init", "true");
                created.appendChild(host);
                config.insertBefore(created, config.getFirstChild());
                return created;
            });
            jms.setAttribute("type", "DISABLED");

            Element phoneHome = first(config, "phone-home-runtime-configuration").orElseGet(() -> {
                Element created = document.createElement("phone-home-runtime-configuration");
                config.insertBefore(created, config.getFirstChild());
                return created;
            });
            phoneHome.setAttribute("enabled", "false");

            Element grid = first(root, "hazelcast-runtime-configuration").orElseThrow(
                    () -> new AssertionError("no hazelcast-runtime-configuration in " + domainXml));
            grid.setAttribute("interface", LOOPBACK);
            grid.setAttribute("das-bind-address", LOOPBACK);
            grid.setAttribute("das-public-address", LOOPBACK);
            grid.setAttribute("cluster-group-name", "switchboard-" + name + "-" + UUID.randomUUID());

            Element java = first(config, "java-config").orElseThrow(
                    () -> new AssertionError("no java-config in server-config of " + domainXml));
            List<String> options = new ArrayList<>(List.of("-Dhazelcast.socket.bind.any=false"));
            properties.forEach((key, value) -> options.add("-D" + key + "=" + value));
            for (String option : options) {
                Element element = document.createElement("jvm-options");
                element.setTextContent(option);
                java.appendChild(element);
            }

            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(domainXml.toFile()));
        } catch (Exception e) {
            throw new AssertionError("could not configure " + domainXml + ": " + e, e);
        }
    }

    private static Element serverConfig(Element root) {
        return elements(root, "config").stream().filter(config -> config.getAttribute("name").equals("server-config"))
                .findFirst().orElseThrow(() -> new AssertionError("no server-config in domain.xml"));
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return IntStream.range(0, nodes.getLength()).mapToObj(nodes::item).filter(Element.class::isInstance)
                .map(Element.class::cast).toList();
    }

    private static Optional<Element> first(Element parent, String tag) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(tag)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs one asadmin command to its end; its output goes to a file next to the domain. A {@code remote} command
     * goes to this domain's admin listener on 127.0.0.1; local ones (create/start/stop-domain) name the domain
     * directory.
     */
    private void asadmin(Duration timeout, boolean remote, String command, String... arguments) {
        Path output = domains.resolve(String.format("asadmin-%02d-%s.log", ++commands, command));
        List<String> argv = new ArrayList<>(List.of(javaExecutable(), "-jar", cli().toString(),
                "--interactive=false", "--echo=true"));
        if (remote) {
            argv.addAll(List.of("--host", LOOPBACK, "--port", String.valueOf(adminPort())));
        }
        argv.add(command);
        argv.addAll(List.of(arguments));
        long started = System.nanoTime();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
            builder.environment().keySet().removeIf(key -> key.startsWith("AS_ADMIN_"));
            builder.environment().put("AS_JAVA", System.getProperty("java.home"));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("asadmin " + command + " did not finish within " + timeout.toSeconds()
                        + " s; output: " + output + "\n" + read(output) + diagnosis());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during asadmin " + command, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        timings.merge(command, took, Duration::plus);
        System.out.printf("[%s] asadmin %s: exit %d after %.1f s (output: %s)%n", name, command,
                process.exitValue(), took.toMillis() / 1000.0, output);
        if (process.exitValue() != 0) {
            throw new AssertionError("asadmin " + command + " failed with exit " + process.exitValue() + ":\n"
                    + read(output) + diagnosis());
        }
    }

    private boolean answers(String path) {
        return Api.answers(url() + path);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    static Path home() {
        String home = System.getProperty("payara.serverHome");
        if (home == null || !Files.isDirectory(Path.of(home, "glassfish"))) {
            throw new IllegalStateException(
                    "system property payara.serverHome must name the unpacked payara6 directory: " + home);
        }
        return Path.of(home).toAbsolutePath();
    }

    private static Path cli() {
        return home().resolve("glassfish").resolve("lib").resolve("client").resolve("appserver-cli.jar");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A port base below the ephemeral range, and below the ports {@link Ports} hands to Micro instances, whose every
     * port that the domain will use is free on 127.0.0.1 now.
     */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 100 * ThreadLocalRandom.current().nextInt(100, 199);
            if (IntStream.of(PORT_OFFSETS).allMatch(offset -> isFree(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base for a Payara domain on 127.0.0.1");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
