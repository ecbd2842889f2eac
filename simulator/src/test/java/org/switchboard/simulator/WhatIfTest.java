package org.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.switchboard.selection.Candidate;
import org.switchboard.selection.SelectionPolicy;

/**
 * Replays {@code src/test/resources/whatif}: a master with the defaults placed seven requests from New York on nyc
 * (capacity 4, cat) and ber (capacity 2, cat and edit), while fra (capacity 10) was down. With nearest-first off the
 * load alone decides: cat spreads onto ber, which then has no room for the first edit but, once a session ends, has
 * room for the edit the master rejected.
 */
class WhatIfTest {

    private static final Path RECORDED = recorded();

    @Test
    void readsWhatTheAdminApiReturnedInTheOrderTheRequestsCame() {
        Recording recording = Recording.read(RECORDED);

        assertThat(recording.servers()).extracting(Recording.Server::name).containsExactly("ber", "fra", "nyc");
        assertThat(recording.requests()).extracting(Recording.Request::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(recording.requests().get(6).rejectedForWantOfAServer()).isTrue();
        assertThat(recording.requests().get(0).candidates())
                .extracting(Candidate::server, Candidate::excluded, Candidate::proximity)
                .containsExactly(tuple("nyc", null, 3), tuple("ber", null, 0),
                        tuple("fra", "down: its load reports stopped", 0));
        assertThat(recording.sessions().get("s1").endedAt()).isEqualTo("2026-11-26T10:00:06.500Z");
        assertThat(recording.sessions().get("s2").endedAt()).isNull();
    }

    /** Databases written before the compact form still hold rows whose reasons are a list of objects. */
    @Test
    void rowsOfTheOlderListFormReplayAsTheCompactOnes() throws IOException {
        Recording compact = Recording.read(RECORDED);
        Recording listForm = Recording.of(Files.readString(RECORDED.resolve("servers.json")),
                Files.readString(RECORDED.resolve("history-list-form.json")),
                Files.readString(RECORDED.resolve("sessions.json")));

        assertThat(listForm.requests().get(0).reasons()).startsWith("[{");
        assertThat(compact.requests().get(0).reasons()).startsWith("{\"servers\":");
        assertThat(listForm.requests()).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertThat(listForm.requests().get(i).candidates()).as("request %d", i + 1).isNotEmpty()
                    .isEqualTo(compact.requests().get(i).candidates());
        }
        SelectionPolicy nearestFirstOff = WhatIf.policy("nearest-first=false");
        assertThat(new Replay(listForm, nearestFirstOff).run())
                .isEqualTo(new Replay(compact, nearestFirstOff).run());
    }

    @Test
    void theMastersOwnPolicyReproducesTheRecord() {
        WhatIfResult result = new Replay(Recording.read(RECORDED), SelectionPolicy.DEFAULTS).run();

        assertThat(result.compared()).isEqualTo(6);
        assertThat(result.moved()).isZero();
        assertThat(result.wouldPlace()).isZero();
        assertThat(result.wouldReject()).isZero();
        assertThat(result.whatIf()).isEqualTo(result.recorded());
        assertThat(result.recorded().peaks()).isEqualTo(Map.of("ber", 2, "fra", 0, "nyc", 4));
    }

    @Test
    void withoutNearestFirstTheLoadAloneDecides() {
        WhatIfResult result = new Replay(Recording.read(RECORDED), WhatIf.policy("nearest-first=false")).run();

        assertThat(result.moved()).as("the first and fourth cat to ber, the sixth to nyc").isEqualTo(3);
        assertThat(result.compared()).isEqualTo(5);
        assertThat(result.wouldReject()).as("the first edit finds ber full").isEqualTo(1);
        assertThat(result.wouldPlace()).as("the second edit finds ber's slot that the ended session left").isEqualTo(1);
        assertThat(result.whatIf().peaks()).as("fra stays down").isEqualTo(Map.of("ber", 2, "fra", 0, "nyc", 3));
        assertThat(result.recorded().peaks()).isEqualTo(Map.of("ber", 2, "fra", 0, "nyc", 4));
        assertThat(result.whatIf().peakUtilisation()).isEqualTo(1.0);
        assertThat(result.recorded().maxImbalance()).as("the first program alone, on one of the two servers up")
                .isEqualTo(2.0);
    }

    @Test
    void aWideSpillMarginChangesNothingHereButANarrowOneSpillsEarly() {
        assertThat(new Replay(Recording.read(RECORDED), WhatIf.policy("spill-margin=Infinity")).run().moved())
                .isZero();
        // at 0.2, nyc at 25 % is more than 20 points above idle ber: the second cat spills
        WhatIfResult narrow = new Replay(Recording.read(RECORDED), WhatIf.policy("spill-margin=0.2")).run();
        assertThat(narrow.moved()).isPositive();
    }

    /** Four programs on a, then b joins: the master ramps b up, so a takes the sixth and seventh. */
    @Test
    void aServerThatJoinsDuringTheRecordingRampsUpUnlessSlowStartIsOff() {
        Recording recording = Recording.of("""
                [{"name":"a","location":"eu","state":"up","capacity":10,"applications":["cat"]},
                 {"name":"b","location":"eu","state":"up","capacity":10,"applications":["cat"]}]""", history(
                placed(1, "a", "a"), placed(2, "a", "a"), placed(3, "a", "a"), placed(4, "a", "a"),
                placed(5, "b", "a", "b"), placed(6, "a", "a", "b"), placed(7, "a", "a", "b")), "[]");

        assertThat(new Replay(recording, SelectionPolicy.DEFAULTS).run().moved()).isZero();
        WhatIfResult withoutSlowStart = new Replay(recording, WhatIf.policy("slow-start.window-ms=0")).run();
        assertThat(withoutSlowStart.moved()).as("the sixth and seventh to b").isEqualTo(2);
        assertThat(withoutSlowStart.whatIf().peaks()).isEqualTo(Map.of("a", 4, "b", 3));
    }

    private static String history(String... requests) {
        return "[" + String.join(",", requests) + "]";
    }

    /** A request placed on {@code server} at second {@code second}, with the servers then on the master's board. */
    private static String placed(int second, String server, String... board) {
        String candidates = Arrays.stream(board).map(name -> "{\\\"server\\\":\\\"" + name + "\\\"}")
                .collect(Collectors.joining(","));
        return """
                {"id":%d,"clientId":"c%d","app":"cat","location":"eu","server":"%s","sessionId":"s%d",
                 "outcome":"placed","requestedAt":"2026-11-26T10:00:%02dZ","reasons":"[%s]"}"""
                .formatted(second, second, server, second, second, candidates);
    }

    @Test
    void parsesThePoliciesSettingsAsTheMasterNamesThem() {
        SelectionPolicy policy = WhatIf.policy("group-by-client=false, nearest-first=false,spill-margin=0.5,"
                + "switchboard.selection.slow-start.window-ms=0,slow-start.initial-share=0.5");

        assertThat(policy).isEqualTo(new SelectionPolicy(false, false, 0.5, Duration.ZERO, 0.5));
        assertThat(WhatIf.policy("")).isEqualTo(SelectionPolicy.DEFAULTS);
        assertThatThrownBy(() -> WhatIf.policy("nearest=false")).hasMessageContaining("unknown policy setting nearest");
        assertThatThrownBy(() -> WhatIf.policy("nearest-first=no")).hasMessageContaining("true or false");
    }

    @Test
    void readsARunningMasterOverHttpAndPrintsTheComparison() throws IOException {
        HttpServer master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer(master, "/api/v1/master/admin/servers", "servers.json");
        answer(master, "/api/v1/master/admin/history", "history.json");
        answer(master, "/api/v1/master/admin/sessions", "sessions.json");
        master.start();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            WhatIf.main(List.of("--from", "http://127.0.0.1:" + master.getAddress().getPort(),
                    "--policy", "nearest-first=false"), new PrintStream(printed, true, StandardCharsets.UTF_8));
        } finally {
            master.stop(0);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("What if: 7 requests from 2026-11-26T10:00:00Z to 2026-11-26T10:00:07Z, 3 servers")
                .contains("nearest-first=false")
                .contains("on a different server:            3 of 5")
                .containsPattern("placed instead of rejected: +1")
                .containsPattern("rejected instead of placed: +1")
                .containsPattern("nyc +us/ny/nyc +4 +4 +3");
    }

    @Test
    void saysWhatItNeeds() {
        assertThatThrownBy(() -> WhatIf.main(List.of("--policy", "nearest-first=false"), System.out))
                .hasMessageContaining("--from");
        assertThatThrownBy(() -> Recording.read(RECORDED.resolve("missing"))).hasMessageContaining("servers.json");
    }

    private static void answer(HttpServer master, String path, String file) {
        master.createContext(path, exchange -> {
            byte[] body = Files.readAllBytes(RECORDED.resolve(file));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static Path recorded() {
        try {
            return Path.of(WhatIfTest.class.getResource("/whatif/servers.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
