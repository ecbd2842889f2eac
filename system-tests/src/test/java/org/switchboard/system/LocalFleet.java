package org.switchboard.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded shape as separate processes: the balancer (master and slave, lb-micro on Payara Micro), agents and
 * slaves of their own on Payara Micro, each with its own location, all on 127.0.0.1. Started together, stopped
 * together.
 */
final class LocalFleet implements AutoCloseable {

    static final String SECRET = "system-test-secret-" + UUID.randomUUID();
    /** Short so that a dead agent leaves selection quickly in tests. */
    static final int REPORT_INTERVAL_MILLIS = 500;
    static final int REPORT_TIMEOUT_MILLIS = 3_000;

    private final MicroInstance balancer;
    private final Map<String, MicroInstance> agents = new LinkedHashMap<>();
    private final Map<String, MicroInstance> slaves = new LinkedHashMap<>();

    LocalFleet(String name) {
        this(name, "local", 1000);
    }

    /** A fleet whose balancer's own slave is at {@code slaveLocation} and carries at most {@code slaveCapacity} relays. */
    LocalFleet(String name, String slaveLocation, int slaveCapacity) {
        balancer = new MicroInstance(name + "-balancer", MicroInstance.deployment("switchboard.war"), "/",
                "/api/v1/applications")
                .with("switchboard.secret", SECRET)
                .with("switchboard.dbdir", MicroInstance.workdir().resolve(name + "-db-" + UUID.randomUUID())
                        .toAbsolutePath())
                .with("switchboard.master.report-timeout-ms", REPORT_TIMEOUT_MILLIS)
                .with("switchboard.slave.name", name + "-slave")
                .with("switchboard.slave.location", slaveLocation)
                .with("switchboard.slave.capacity", slaveCapacity)
                .with("switchboard.slave.report-interval-ms", REPORT_INTERVAL_MILLIS);
        balancer.with("switchboard.slave.url", balancer.url());
    }

    /** Adds an agent; call before {@link #start()}. */
    LocalFleet agent(String name, String location, int capacity) {
        agents.put(name, agentInstance(name, "http://127.0.0.1:" + balancer.port(), SECRET, location, capacity));
        return this;
    }

    /** Adds an agent offering the applications of another catalog file; call before {@link #start()}. */
    LocalFleet agent(String name, String location, int capacity, Path catalog) {
        agent(name, location, capacity);
        agents.get(name).with("switchboard.agent.catalog", catalog.toAbsolutePath());
        return this;
    }

    /** Sets a configuration property of the balancer; call before {@link #start()}. */
    LocalFleet master(String key, Object value) {
        balancer.with(key, value);
        return this;
    }

    /** Adds a slave on its own Payara Micro instance, working for this fleet's master; call before {@link #start()}. */
    LocalFleet slave(String name, String location) {
        return slave(name, location, 1000);
    }

    LocalFleet slave(String name, String location, int capacity) {
        MicroInstance slave = new MicroInstance(name, MicroInstance.deployment("slave.war"), "/",
                "/api/v1/applications");
        slaves.put(name, slave.with("switchboard.slave.url", slave.url())
                .with("switchboard.slave.capacity", capacity)
                .with("switchboard.slave.report-interval-ms", REPORT_INTERVAL_MILLIS)
                .with("switchboard.secret", SECRET)
                .with("switchboard.master.url", "http://127.0.0.1:" + balancer.port())
                .with("switchboard.slave.name", name)
                .with("switchboard.slave.location", location));
        return this;
    }

    /** An agent on Payara Micro, configured to register with the master at {@code masterUrl}. */
    static MicroInstance agentInstance(String name, String masterUrl, String secret, String location, int capacity) {
        MicroInstance agent = new MicroInstance(name, MicroInstance.deployment("agent.war"), "/agent",
                "/agent/api/programs");
        return agent.with("switchboard.secret", secret)
                .with("switchboard.master.url", masterUrl)
                .with("switchboard.agent.name", name)
                .with("switchboard.agent.url", agent.url())
                .with("switchboard.agent.location", location)
                .with("switchboard.agent.capacity", capacity)
                .with("switchboard.agent.host", "127.0.0.1")
                .with("switchboard.agent.catalog", catalog())
                .with("switchboard.agent.report-interval-ms", REPORT_INTERVAL_MILLIS)
                .with("switchboard.agent.state-dir", MicroInstance.workdir().resolve(name + "-state-" + agent.port())
                        .toAbsolutePath());
    }

    /** Starts every process at once, then waits for all; whatever started is stopped if one fails. */
    LocalFleet start() {
        try {
            balancer.launch();
            agents.values().forEach(MicroInstance::launch);
            slaves.values().forEach(MicroInstance::launch);
            balancer.awaitReady();
            agents.values().forEach(MicroInstance::awaitReady);
            slaves.values().forEach(MicroInstance::awaitReady);
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    MicroInstance balancer() {
        return balancer;
    }

    MicroInstance agent(String name) {
        return agents.get(name);
    }

    MicroInstance slave(String name) {
        return slaves.get(name);
    }

    Api api() {
        return new Api(balancer.url());
    }

    static Path catalog() {
        return Path.of(System.getProperty("switchboard.catalog", "../config/catalog.json")).toAbsolutePath();
    }

    @Override
    public void close() {
        List<MicroInstance> all = new ArrayList<>(slaves.values());
        all.addAll(agents.values());
        all.add(balancer);
        all.forEach(MicroInstance::close);
    }
}
