package org.switchboard.client.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the arguments of {@code switchboard} into a {@link Command}; options go anywhere, as {@code --x v} or {@code --x=v}. */
final class CommandLine {

    static final String USAGE = """
            usage: switchboard run APP [--slave URL] [--client ID] [--location LOC] [--forward PORT] [--direct] [--new]
                   switchboard ls [--slave URL]
                   switchboard attach ID [--slave URL] [--forward PORT] [--direct]
                   switchboard rm ID [--slave URL]
                   switchboard apps [--slave URL]

              run      open a session of APP and link this terminal to it (end of input, Ctrl-D, ends the link),
                       or with --forward PORT tunnel every connection to 127.0.0.1:PORT to the program,
                       with --direct connect straight to the program's endpoint instead of through the relay;
                       a session of APP opened here for the same client that still runs is linked to instead,
                       unless --new
              ls       the sessions opened here, with their state (ended ones are listed once, then forgotten)
              attach   link to a session opened here again, through its slave or the one --slave names
              rm       end a session opened here and forget it
              apps     the applications the slave offers

            The slave is --slave, else $SWITCHBOARD_SLAVE, else 'slave' in $SWITCHBOARD_HOME/config.properties
            ($SWITCHBOARD_HOME defaults to ~/.switchboard), else http://127.0.0.1:8080. The client id is --client,
            else $SWITCHBOARD_CLIENT, else 'client' there, else the user name; the location is --location, else
            $SWITCHBOARD_LOCATION, else 'location' there, else the slave's guess. Sessions opened here are kept
            with their tokens in $SWITCHBOARD_HOME/sessions.json.

            exit codes: 0 done, 1 link failed, 2 usage, 3 no slave reachable, 4 refused (unknown application,
            invalid ticket, unknown session), 5 no capacity, 6 redirect loop
            """;

    private static final Set<String> VALUED = Set.of("--slave", "--client", "--location", "--forward");
    private static final Set<String> FLAGS = Set.of("--direct", "--new", "--help", "-h");

    private CommandLine() {
    }

    static Command parse(String... args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                words.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (FLAGS.contains(name) && !arg.contains("=")) {
                options.put(name, "true");
            } else if (VALUED.contains(name)) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < args.length ? args[++i] : null;
                if (value == null || value.isBlank()) {
                    throw new UsageException(name + " needs a value");
                }
                options.put(name, value);
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        if (options.containsKey("--help") || options.containsKey("-h") || words.isEmpty()
                || words.get(0).equals("help")) {
            return new Command.Help();
        }
        String verb = words.get(0);
        List<String> operands = words.subList(1, words.size());
        Command command = switch (verb) {
            case "run" -> new Command.Run(one(verb, "APP", operands), options.get("--slave"),
                    options.get("--client"), options.get("--location"), port(options.get("--forward")),
                    options.containsKey("--direct"), options.containsKey("--new"));
            case "attach" -> new Command.Attach(one(verb, "ID", operands), options.get("--slave"),
                    port(options.get("--forward")), options.containsKey("--direct"));
            case "ls" -> new Command.ListSessions(none(verb, operands, options.get("--slave")));
            case "rm" -> new Command.Remove(one(verb, "ID", operands), options.get("--slave"));
            case "apps" -> new Command.Applications(none(verb, operands, options.get("--slave")));
            default -> throw new UsageException("unknown command " + verb);
        };
        Set<String> allowed = switch (verb) {
            case "run" -> Set.of("--slave", "--client", "--location", "--forward", "--direct", "--new");
            case "attach" -> Set.of("--slave", "--forward", "--direct");
            default -> Set.of("--slave");
        };
        options.keySet().stream().filter(option -> !allowed.contains(option)).sorted().findFirst()
                .ifPresent(option -> {
                    throw new UsageException(option + " does not apply to " + verb);
                });
        return command;
    }

    private static String one(String verb, String what, List<String> operands) {
        if (operands.size() != 1) {
            throw new UsageException(verb + " needs one " + what + (operands.isEmpty() ? "" : ", not " + operands));
        }
        return operands.get(0);
    }

    private static String none(String verb, List<String> operands, String value) {
        if (!operands.isEmpty()) {
            throw new UsageException(verb + " takes no arguments, not " + operands);
        }
        return value;
    }

    private static Integer port(String value) {
        if (value == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new UsageException("--forward needs a port from 0 to 65535, not " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--forward needs a port number, not " + value);
        }
    }
}
