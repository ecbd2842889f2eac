package org.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The patent's remote word processor, with xterm standing in: a desktop application of the default catalog started
 * through the public API, its screen seen over RFB through the slave's WebSocket relay with the session's token, and
 * ended with its display and VNC server, through the API or by its user closing the program.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesktopIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration EXIT_HEARD = Duration.ofSeconds(10);
    private static final Path X11_SOCKETS = Path.of("/tmp/.X11-unix");

    private LocalFleet fleet;
    private Api api;

    @BeforeAll
    void startFleet() {
        fleet = new LocalFleet("desktop").agent("desk", "eu/de/fra", 3).start();
        api = fleet.api();
        Eventually.await("the agent is registered and up", PATIENCE,
                () -> api.get("/api/v1/master/admin/servers").array().getValuesAs(JsonObject.class).stream()
                        .anyMatch(server -> server.getString("state").equals("up")));
    }

    @AfterAll
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void anXProgramIsSeenOverRfbThroughTheRelayAndEndsWithItsDisplay() {
        int[] screen = configuredScreen("xterm");
        JsonObject session = api.open("xterm", "viewer", null);
        Map<Long, String> processes = desktopProcesses(session);
        int display = displayOf(processes);
        assertThat(X11_SOCKETS.resolve("X" + display)).exists();

        try (RelayClient relay = RelayClient.connect(session.getString("relay"))) {
            Rfb rfb = new Rfb(relay);
            assertThat(rfb.handshake()).as("the screen the catalog configures").containsExactly(screen);
            awaitTheXtermWindow(rfb, screen);
        } finally {
            assertThat(api.end(session).object().getString("state")).isEqualTo("ended");
        }

        assertNothingLeft(processes, display);
    }

    @Test
    void closingTheXProgramEndsItsSession() {
        int[] screen = configuredScreen("xterm");
        JsonObject session = api.open("xterm", "typist", null);
        Map<Long, String> processes = desktopProcesses(session);
        int display = displayOf(processes);

        try (RelayClient relay = RelayClient.connect(session.getString("relay"))) {
            Rfb rfb = new Rfb(relay);
            rfb.handshake();
            awaitTheXtermWindow(rfb, screen);
            JsonObject ended = null;
            // the window shows before the shell in it reads: on a busy machine the first "exit" was once lost, so a
            // user's second try follows when nothing happened (the master hears of an exit within a second)
            for (int attempt = 1; ended == null; attempt++) {
                rfb.pointAt(20, 20); // without a window manager the keyboard goes to the window under the pointer
                rfb.type("exit\r"); // to the shell in the xterm, which then ends, and the xterm with it
                try {
                    ended = Eventually.await("the master hears that the program ended", EXIT_HEARD,
                            () -> api.get("/api/v1/sessions/" + session.getString("id") + "?token="
                                    + Api.token(session)).object(),
                            body -> body.getString("state").equals("ended"));
                } catch (AssertionError notYet) {
                    if (attempt == 3) {
                        throw notYet;
                    }
                }
            }
            assertThat(ended.getString("endReason")).isEqualTo("program exited with code 0");
        } catch (RuntimeException | Error e) {
            api.end(session);
            throw e;
        }
        assertNothingLeft(processes, display);
    }

    /** The session's processes, by pid, once its display, VNC server and program run. */
    private static Map<Long, String> desktopProcesses(JsonObject session) {
        long leader = session.getJsonNumber("pid").longValue();
        return Eventually.await("the desktop's display, VNC server and program run", PATIENCE,
                () -> sessionMembers(leader),
                members -> members.values().containsAll(Set.of("Xvfb", "x11vnc", "xterm")));
    }

    /** More than the pointer, which x11vnc draws into the pixels of a client without cursor-shape updates. */
    private static void awaitTheXtermWindow(Rfb rfb, int[] screen) {
        Eventually.await("the framebuffer shows the xterm window on the plain root window", PATIENCE,
                () -> rfb.notOfTheCommonestColour(screen[0], screen[1]), share -> share > 0.01);
    }

    private static void assertNothingLeft(Map<Long, String> processes, int display) {
        processes.forEach((pid, name) -> Eventually.await(name + " (" + pid + ") has ended", PATIENCE,
                () -> !alive(pid)));
        Eventually.await("the display's socket is removed", PATIENCE,
                () -> !Files.exists(X11_SOCKETS.resolve("X" + display)));
        assertThat(Path.of("/tmp/.X" + display + "-lock")).doesNotExist();
    }

    /** A minimal RFB 3.8 client over the relay: security type None, 32-bit true colour, raw encoding only. */
    private static final class Rfb {

        private final RelayClient relay;
        private byte[] seen = new byte[0];
        private int position;

        Rfb(RelayClient relay) {
            this.relay = relay;
        }

        /** ProtocolVersion, security, ClientInit; returns the width and height of ServerInit. */
        int[] handshake() {
            String version = new String(take(12), StandardCharsets.US_ASCII);
            assertThat(version).isEqualTo("RFB 003.008\n");
            relay.send(version.getBytes(StandardCharsets.US_ASCII), 12);
            byte[] securityTypes = take(u8());
            assertThat(securityTypes).as("security type None (the port is on loopback, behind the relay)").contains(1);
            relay.send(new byte[] {1}, 1);
            assertThat(take(4)).as("SecurityResult OK").containsExactly(0, 0, 0, 0);
            relay.send(new byte[] {1}, 1); // ClientInit: shared
            int[] size = {u16(), u16()};
            take(16); // the server's pixel format; ours follows
            take(ByteBuffer.wrap(take(4)).getInt()); // the desktop's name
            ByteBuffer setPixelFormat = ByteBuffer.allocate(20).put((byte) 0).put(new byte[3])
                    .put((byte) 32).put((byte) 24).put((byte) 0).put((byte) 1) // bpp, depth, little-endian, true colour
                    .putShort((short) 255).putShort((short) 255).putShort((short) 255)
                    .put((byte) 16).put((byte) 8).put((byte) 0).put(new byte[3]);
            relay.send(setPixelFormat.array(), 20);
            relay.send(ByteBuffer.allocate(8).put((byte) 2).put((byte) 0).putShort((short) 1).putInt(0).array(), 8);
            return size;
        }

        /** PointerEvent: moves the pointer, no button pressed. */
        void pointAt(int x, int y) {
            relay.send(ByteBuffer.allocate(6).put((byte) 5).put((byte) 0).putShort((short) x).putShort((short) y)
                    .array(), 6);
        }

        /** KeyEvents, down and up, for each character: Latin-1 keysyms are the characters, Return is 0xff0d. */
        void type(String text) {
            for (char character : text.toCharArray()) {
                int keysym = character == '\r' ? 0xff0d : character;
                for (int down = 1; down >= 0; down--) {
                    relay.send(ByteBuffer.allocate(8).put((byte) 4).put((byte) down).putShort((short) 0)
                            .putInt(keysym).array(), 8);
                }
            }
        }

        /** Requests the whole screen; returns the share of its pixels that differ from its commonest colour. */
        double notOfTheCommonestColour(int width, int height) {
            relay.send(ByteBuffer.allocate(10).put((byte) 3).put((byte) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) width).putShort((short) height).array(), 10);
            while (true) {
                int type = u8();
                switch (type) {
                    case 0 -> { // FramebufferUpdate
                        take(1);
                        Map<Integer, Integer> colours = new HashMap<>();
                        int pixelCount = 0;
                        for (int rectangles = u16(); rectangles > 0; rectangles--) {
                            take(4); // x, y
                            int w = u16();
                            int h = u16();
                            assertThat(ByteBuffer.wrap(take(4)).getInt()).as("raw encoding").isZero();
                            byte[] pixels = take(w * h * 4);
                            for (int i = 0; i < pixels.length; i += 4) {
                                colours.merge((pixels[i] & 0xff) | (pixels[i + 1] & 0xff) << 8
                                        | (pixels[i + 2] & 0xff) << 16, 1, Integer::sum);
                            }
                            pixelCount += w * h;
                        }
                        int commonest = colours.values().stream().max(Integer::compare).orElse(0);
                        return pixelCount == 0 ? 0 : (pixelCount - commonest) / (double) pixelCount;
                    }
                    case 1 -> { // SetColourMapEntries
                        take(3);
                        take(u16() * 6);
                    }
                    case 2 -> { // Bell
                    }
                    case 3 -> { // ServerCutText
                        take(3);
                        take(ByteBuffer.wrap(take(4)).getInt());
                    }
                    default -> throw new AssertionError("unknown RFB message type " + type);
                }
            }
        }

        private int u8() {
            return take(1)[0] & 0xff;
        }

        private int u16() {
            return ByteBuffer.wrap(take(2)).getShort() & 0xffff;
        }

        /** The next bytes the desktop sent, waiting for them. */
        private byte[] take(int count) {
            if (seen.length < position + count) {
                seen = Eventually.await(count + " more bytes from the desktop", PATIENCE, relay::received,
                        bytes -> bytes.length >= position + count);
            }
            byte[] taken = Arrays.copyOfRange(seen, position, position + count);
            position += count;
            return taken;
        }
    }

    /** Width and height of the application's {@code "screen"} in the agent's catalog. */
    private static int[] configuredScreen(String application) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(LocalFleet.catalog()))) {
            String screen = reader.readObject().getJsonArray("applications").getValuesAs(JsonObject.class).stream()
                    .filter(entry -> entry.getString("name").equals(application)).findFirst().orElseThrow()
                    .getString("screen");
            return Arrays.stream(screen.split("x")).mapToInt(Integer::parseInt).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live processes of the session {@code session}, by pid, with their names, read from /proc. */
    private static Map<Long, String> sessionMembers(long session) {
        Map<Long, String> members = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(entry -> entry.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
                    .forEach(pid -> stat(Long.parseLong(pid)).filter(stat -> stat[3].equals(Long.toString(session))
                                    && !stat[0].equals("Z"))
                            .ifPresent(stat -> members.put(Long.parseLong(pid), comm(Long.parseLong(pid)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    private static boolean alive(long pid) {
        return stat(pid).filter(stat -> !stat[0].equals("Z")).isPresent();
    }

    /** The fields of /proc/<pid>/stat after the name: state, parent, process group, session, ... */
    private static Optional<String[]> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The display the desktop's x11vnc shows: its {@code -display :N} argument. */
    private static int displayOf(Map<Long, String> processes) {
        long x11vnc = processes.entrySet().stream().filter(process -> process.getValue().equals("x11vnc"))
                .findFirst().orElseThrow().getKey();
        try {
            String[] arguments = Files.readString(Path.of("/proc", Long.toString(x11vnc), "cmdline")).split("\0");
            int at = Arrays.asList(arguments).indexOf("-display");
            return Integer.parseInt(arguments[at + 1].substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
