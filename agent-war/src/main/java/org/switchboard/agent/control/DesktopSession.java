package org.switchboard.agent.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.agent.entity.Screen;

/**
 * How a desktop application runs: its X program on a virtual display of its own (Xvfb), and a VNC server (x11vnc) that
 * shows the display on the program's port, all three in the program's session
 * ({@link org.switchboard.agent.entity.ProcessGroup}). Only what a session's leader starts joins the session, so a
 * small script bundled with the agent ({@value #SCRIPT}) leads it: it starts the three, ends the other two when one of
 * them ends, and exits with that one's code. The script's text is fixed; the X program's command line reaches it as
 * separate arguments and is run as {@code "$@"}, never parsed as shell code. It runs as {@code bash -c <script>}, so
 * nothing is written to disk for it.
 */
final class DesktopSession {

    static final String SCRIPT = "desktop-session.sh";
    /** The programs every desktop needs besides its own, with the Debian packages that have them. */
    static final Map<String, String> SERVERS = orderedServers();
    /** The script's name in error messages and process listings ({@code $0}). */
    private static final String NAME = "switchboard-desktop";
    private static final String TEXT = load();

    private DesktopSession() {
    }

    /** In the order they start, so that a missing one is named the same way every time (Map.of has no order). */
    private static Map<String, String> orderedServers() {
        Map<String, String> servers = new LinkedHashMap<>();
        servers.put("Xvfb", "xvfb");
        servers.put("x11vnc", "x11vnc");
        return Collections.unmodifiableMap(servers);
    }

    /** The leader's command line for the X program's command line, with its screen and the VNC server's port. */
    static List<String> commandLine(Screen screen, int port, List<String> program) {
        List<String> line = new ArrayList<>(List.of("bash", "-c", TEXT, NAME, screen.toString(),
                Integer.toString(port)));
        line.addAll(program);
        return line;
    }

    private static String load() {
        try (InputStream in = DesktopSession.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the agent's script " + SCRIPT + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's script " + SCRIPT, e);
        }
    }
}
