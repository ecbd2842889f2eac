package org.switchboard.client.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.switchboard.client.Forwarder;
import org.switchboard.client.Link;
import org.switchboard.client.LinkKind;
import org.switchboard.client.OpenedSession;
import org.switchboard.client.Session;
import org.switchboard.client.Switchboard;
import org.switchboard.client.SwitchboardException;

/**
 * {@code switchboard}: carries out a {@link Command} with the client library. The program's bytes alone go to
 * standard output; everything the command line says itself goes to standard error, one line each, prefixed
 * {@code switchboard:}. Expected failures end it with that line and an exit code, never a stack trace.
 */
public final class Main {

    static final int DONE = 0;
    static final int LINK_FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int REFUSED = 4;
    static final int NO_CAPACITY = 5;
    static final int REDIRECT_LOOP = 6;

    private final Settings settings;
    private final SessionStore store;
    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;

    Main(Settings settings, InputStream in, OutputStream out, PrintStream err) {
        this.settings = settings;
        this.store = new SessionStore(settings.home());
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status = new Main(Settings.of(System.getenv(), System.getProperty("user.home")), System.in,
                new FileOutputStream(FileDescriptor.out), System.err).run(args);
        System.exit(status);
    }

    int run(String... args) {
        try {
            return execute(CommandLine.parse(args));
        } catch (UsageException e) {
            say(e.getMessage());
            err.print(CommandLine.USAGE);
            return USAGE;
        } catch (SwitchboardException e) {
            say(e.getMessage());
            e.details().forEach(detail -> err.println("  " + detail));
            return switch (e.kind()) {
                case UNREACHABLE -> UNREACHABLE;
                case REFUSED -> REFUSED;
                case NO_CAPACITY -> NO_CAPACITY;
                case REDIRECT_LOOP -> REDIRECT_LOOP;
                case LINK_FAILED -> LINK_FAILED;
            };
        } catch (UncheckedIOException | IllegalStateException e) {
            say(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return LINK_FAILED;
        }
    }

    private int execute(Command command) {
        if (command instanceof Command.Run run) {
            return run(run);
        }
        if (command instanceof Command.Attach attach) {
            return attach(attach);
        }
        if (command instanceof Command.ListSessions list) {
            return list(list);
        }
        if (command instanceof Command.Remove remove) {
            return remove(remove);
        }
        if (command instanceof Command.Applications applications) {
            return applications(applications);
        }
        new PrintStream(out, true).print(CommandLine.USAGE);
        return DONE;
    }

    private int run(Command.Run run) {
        Switchboard switchboard = new Switchboard(settings.slave(run.slave()));
        String client = settings.client(run.client());
        if (!run.fresh()) {
            Optional<Reached> running = running(run.app(), client, run.slave()).map(this::remember);
            if (running.isPresent()) {
                Session session = running.get().session();
                Switchboard slave = running.get().slave();
                say("session " + session.id() + ": " + session.app() + " on server " + session.server().name()
                        + ", pid " + session.pid() + ", runs already: linking to it through " + slave.slave()
                        + " ('run --new' opens another)");
                Link link = run.direct() ? Switchboard.direct(session) : slave.relay(session.id(),
                        running.get().saved().token());
                return link(link, run.forward(), session);
            }
        }
        OpenedSession opened = switchboard.open(run.app(), client, settings.location(run.location()),
                run.direct() ? LinkKind.DIRECT : LinkKind.RELAY);
        Session session = opened.session();
        store.add(new SavedSession(session.id(), session.app(), client, opened.slave().toString(), session.token(),
                session.link()));
        opened.redirectedBy().forEach(slave -> say("redirected by " + slave));
        say("session " + session.id() + ": " + session.app() + " on server " + session.server().name() + " ("
                + session.server().location() + "), pid " + session.pid() + ", through slave "
                + session.slave().name() + " at " + opened.slave());
        Switchboard served = new Switchboard(opened.slave());
        Link link = run.direct() ? Switchboard.direct(session) : served.relay(session.id(), session.token());
        return link(link, run.forward(), session);
    }

    private int attach(Command.Attach attach) {
        SavedSession saved = saved(attach.id());
        Reached reached = remember(reach(saved, attach.slave(), this::say));
        Switchboard switchboard = reached.slave();
        Session session = reached.session();
        if (session.ended()) {
            store.remove(saved.id());
            throw new SwitchboardException(SwitchboardException.Kind.REFUSED, "session-ended", "session "
                    + saved.id() + " has ended" + (session.endReason() == null ? "" : ": " + session.endReason()));
        }
        say("attaching to session " + session.id() + ": " + session.app() + " on server " + session.server().name()
                + ", pid " + session.pid() + ", through " + switchboard.slave());
        Link link = attach.direct() ? Switchboard.direct(session) : switchboard.relay(saved.id(), saved.token());
        return link(link, attach.forward(), session);
    }

    /**
     * A saved session as the first slave that answers shows it: the one {@code option} names alone; else the slave
     * it was last linked through, then the configured slave should that one be gone (any slave of the fleet serves
     * any session). {@code note} hears of each slave that did not answer.
     */
    private Reached reach(SavedSession saved, String option, Consumer<String> note) {
        List<URI> slaves = option != null ? List.of(settings.slave(option))
                : Stream.of(URI.create(saved.slave()), settings.slave(null)).distinct().toList();
        SwitchboardException unreachable = null;
        for (URI slave : slaves) {
            if (unreachable != null) {
                note.accept(unreachable.getMessage() + "; trying " + slave);
            }
            Switchboard switchboard = new Switchboard(slave);
            try {
                return new Reached(saved, switchboard, switchboard.show(saved.id(), saved.token()));
            } catch (SwitchboardException e) {
                if (e.kind() != SwitchboardException.Kind.UNREACHABLE) {
                    throw e;
                }
                unreachable = e;
            }
        }
        throw unreachable;
    }

    private record Reached(SavedSession saved, Switchboard slave, Session session) {
    }

    /** The slave that answered is the one to ask first next time. */
    private Reached remember(Reached reached) {
        SavedSession saved = reached.saved();
        if (!reached.slave().slave().toString().equals(saved.slave())) {
            store.add(new SavedSession(saved.id(), saved.app(), saved.clientId(), reached.slave().slave().toString(),
                    saved.token(), saved.link()));
        }
        return reached;
    }

    /**
     * The newest session of {@code app} this command line opened for {@code client} that still runs, as a slave
     * shows it to the holder of its token; ended and forgotten ones are forgotten here too. The token, kept here
     * only, is what proves the session is this client's: a client id alone proves nothing.
     */
    private Optional<Reached> running(String app, String client, String slave) {
        List<SavedSession> mine = store.all().stream()
                .filter(saved -> saved.app().equals(app) && saved.clientId().equals(client)).toList();
        for (int newest = mine.size() - 1; newest >= 0; newest--) {
            SavedSession saved = mine.get(newest);
            try {
                Reached reached = reach(saved, slave, unanswered -> { });
                if (!reached.session().ended()) {
                    return Optional.of(reached);
                }
                store.remove(saved.id());
            } catch (SwitchboardException e) {
                if ("unknown-session".equals(e.error())) {
                    store.remove(saved.id());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Links the terminal to the program, or with a port forwards every connection there until stopped. A link that
     * fails leaves the program running for a while: the message says how to link to it again.
     */
    private int link(Link link, Integer forward, Session session) {
        if (forward == null) {
            try {
                link.carry(in, out);
            } catch (SwitchboardException e) {
                if (e.kind() != SwitchboardException.Kind.LINK_FAILED) {
                    throw e;
                }
                throw new SwitchboardException(e.kind(), e.error(), e.getMessage(), List.of("the program keeps "
                        + "running for a while: 'switchboard attach " + session.id() + "' links to it again"));
            }
            return DONE;
        }
        try (Forwarder forwarder = Forwarder.listen(forward, link, this::say)) {
            say("forwarding 127.0.0.1:" + forwarder.port() + " to " + session.app() + " (session " + session.id()
                    + "); Ctrl-C stops forwarding, 'switchboard rm " + session.id() + "' ends the program");
            forwarder.serve();
        }
        return DONE;
    }

    private int list(Command.ListSessions list) {
        List<SavedSession> sessions = store.all();
        if (sessions.isEmpty()) {
            say("no sessions opened here");
            return DONE;
        }
        PrintStream table = new PrintStream(out, true);
        table.printf("%-36s  %-12s  %-10s  %-8s  %s%n", "ID", "APP", "STATE", "PID", "SLAVE");
        for (SavedSession saved : sessions) {
            URI slave = list.slave() != null ? settings.slave(list.slave()) : URI.create(saved.slave());
            String state;
            String pid = "";
            try {
                Reached reached = reach(saved, list.slave(), unanswered -> { });
                slave = reached.slave().slave();
                Session session = reached.session();
                pid = String.valueOf(session.pid());
                state = session.state();
                if (session.ended()) {
                    state = "ended" + (session.endReason() == null ? "" : " (" + session.endReason() + ")");
                    store.remove(saved.id());
                }
            } catch (SwitchboardException e) {
                if ("unknown-session".equals(e.error())) {
                    state = "gone";
                    store.remove(saved.id());
                } else {
                    state = "unknown: " + e.getMessage();
                }
            }
            table.printf("%-36s  %-12s  %-10s  %-8s  %s%n", saved.id(), saved.app(), state, pid, slave);
        }
        return DONE;
    }

    private int remove(Command.Remove remove) {
        SavedSession saved = saved(remove.id());
        try {
            reach(saved, remove.slave(), this::say).slave().end(saved.id(), saved.token());
        } catch (SwitchboardException e) {
            if (!"unknown-session".equals(e.error())) {
                throw e;
            }
            store.remove(saved.id());
            throw new SwitchboardException(e.kind(), e.error(), "session " + saved.id()
                    + " is unknown to the fleet; forgotten here");
        }
        store.remove(saved.id());
        say("session " + saved.id() + " ended");
        return DONE;
    }

    private int applications(Command.Applications applications) {
        PrintStream list = new PrintStream(out, true);
        new Switchboard(settings.slave(applications.slave())).applications().forEach(list::println);
        return DONE;
    }

    private SavedSession saved(String id) {
        return store.find(id).orElseThrow(() -> new SwitchboardException(SwitchboardException.Kind.REFUSED,
                "unknown-session", "no session " + id + " was opened here (see 'switchboard ls')"));
    }

    private void say(String line) {
        err.println("switchboard: " + line);
    }
}
