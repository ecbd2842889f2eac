package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.switchboard.protocol.LoadReport;
import org.switchboard.protocol.ServerRegistration;
import org.switchboard.selection.Location;
import org.switchboard.selection.ServerView;
import org.switchboard.selection.ServerView.Availability;

class FleetTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    private static final Duration LOST_AFTER = Duration.ofSeconds(300);

    private final Fleet fleet = new Fleet(TIMEOUT, LOST_AFTER);

    private static ServerRegistration berlin() {
        return new ServerRegistration("ber-1", "http://127.0.0.1:9001/agent", "eu/de/ber", 10, List.of("bash"));
    }

    private static LoadReport report(int used, long launchOrders) {
        return new LoadReport("ber-1", 0.1, 0.2, used, used, launchOrders);
    }

    private ServerView view() {
        return fleet.board().servers().get(0);
    }

    @Test
    void countsItsOwnPlacementsUntilAReportShowsThem() {
        fleet.register(berlin(), START);
        fleet.report(report(2, 2), START);

        fleet.placed("ber-1", "alice");
        fleet.placed("ber-1", "bob");
        assertThat(view().load()).as("reported 2 + placed 2").isEqualTo(4);

        fleet.report(report(3, 3), START.plusSeconds(1));
        assertThat(view().load()).as("the report shows one placement; one is still in flight").isEqualTo(4);

        fleet.report(report(4, 4), START.plusSeconds(2));
        assertThat(view().load()).isEqualTo(4);
    }

    @Test
    void anAgentThatReceivedOrdersBeforeThisMasterStartedIsNotOvercounted() {
        fleet.register(berlin(), START);
        fleet.report(report(5, 40), START);

        fleet.placed("ber-1", "alice");

        assertThat(view().load()).isEqualTo(6);
    }

    @Test
    void theBoardAfterAPlacementIsDerivedAsByAPlacementAndChangesNothing() {
        fleet.register(berlin(), START);
        fleet.report(report(2, 2), START);
        ServerView before = view();

        ServerView after = fleet.boardAfterPlacing("ber-1", "alice").servers().get(0);

        fleet.placed("ber-1", "alice");
        assertThat(after).as("as the placement makes it").isEqualTo(view());
        fleet.released("ber-1", "alice");
        fleet.report(report(2, 3), START.plusSeconds(1));
        assertThat(view()).as("the fleet as before").isEqualTo(before);
        assertThat(fleet.boardAfterPlacing("nowhere", "alice").servers()).containsExactly(before);
    }

    @Test
    void remembersWhichClientsAServerServes() {
        fleet.register(berlin(), START);
        fleet.placed("ber-1", "alice");
        fleet.placed("ber-1", "alice");

        fleet.released("ber-1", "alice");
        assertThat(view().clients()).containsExactly("alice");

        fleet.released("ber-1", "alice");
        assertThat(view().clients()).isEmpty();
    }

    @Test
    void takesSilentServersOutOfSelectionAndBackWhenTheyReport() {
        fleet.register(berlin(), START);

        assertThat(fleet.markSilentDown(START.plus(TIMEOUT))).isEmpty();
        assertThat(fleet.markSilentDown(START.plus(TIMEOUT).plusMillis(1))).containsExactly("ber-1");
        assertThat(view().availability()).isEqualTo(Availability.DOWN);

        fleet.report(report(0, 0), START.plusSeconds(20));
        assertThat(view().availability()).isEqualTo(Availability.UP);
    }

    /** A master short of threads takes reports in late; an agent that launches its programs is not dead. */
    @Test
    void aServerWhoseAgentLaunchesForThisMasterStaysInSelectionWhileItsReportsAreLate() {
        fleet.register(berlin(), START);
        Instant launched = START.plus(TIMEOUT).minusSeconds(1);
        fleet.launched("ber-1", launched);
        fleet.launched("ber-1", START); // answers come in any order: the latest counts

        assertThat(fleet.markSilentDown(START.plus(TIMEOUT).plusMillis(1))).isEmpty();
        assertThat(view().availability()).isEqualTo(Availability.UP);
        assertThat(fleet.markSilentDown(launched.plus(TIMEOUT).plusMillis(1))).containsExactly("ber-1");
        assertThat(fleet.silentSinceLostAfter(launched.plus(LOST_AFTER))).as("lost counts from the launch too")
                .isEmpty();
        assertThat(fleet.silentSinceLostAfter(launched.plus(LOST_AFTER).plusMillis(1))).containsExactly("ber-1");
    }

    @Test
    void aServerSilentForTheLostAfterTimeIsLostOnceAndComesBackWithTheSessionsEndedMeanwhile() {
        fleet.register(berlin(), START);
        fleet.report(report(1, 1), START.plusSeconds(1));
        Instant lostAt = START.plusSeconds(1).plus(LOST_AFTER).plusMillis(1);

        assertThat(fleet.markSilentDown(START.plusSeconds(10))).containsExactly("ber-1");
        assertThat(fleet.silentSinceLostAfter(lostAt.minusMillis(1))).as("down, not lost yet").isEmpty();
        assertThat(fleet.silentSinceLostAfter(lostAt)).containsExactly("ber-1");
        assertThat(fleet.silentSinceLostAfter(lostAt.plusSeconds(1)))
                .as("answered until the master says it ended the sessions").containsExactly("ber-1");
        assertThat(fleet.returned()).isEmpty();

        fleet.lost("ber-1", List.of("s-1", "s-2"));
        assertThat(fleet.silentSinceLostAfter(lostAt.plusSeconds(2))).as("lost once").isEmpty();
        assertThat(fleet.returned()).as("nothing came back yet").isEmpty();

        fleet.report(report(0, 0), lostAt.plusSeconds(60));
        assertThat(fleet.returned()).containsExactly(
                new Fleet.Returned("ber-1", "http://127.0.0.1:9001/agent", List.of("s-1", "s-2")));
        assertThat(fleet.returned()).as("told once").isEmpty();
        assertThat(view().availability()).isEqualTo(Availability.UP);
        assertThat(fleet.silentSinceLostAfter(lostAt.plusSeconds(61))).as("it reports again").isEmpty();
    }

    @Test
    void aLostServerThatRegistersAgainIsBackToo() {
        fleet.register(berlin(), START);
        Instant lostAt = START.plus(LOST_AFTER).plusMillis(1);
        assertThat(fleet.silentSinceLostAfter(lostAt)).containsExactly("ber-1");
        fleet.lost("ber-1", List.of());

        fleet.register(berlin(), lostAt.plusSeconds(5));

        assertThat(fleet.returned()).containsExactly(
                new Fleet.Returned("ber-1", "http://127.0.0.1:9001/agent", List.of()));
        assertThat(fleet.silentSinceLostAfter(lostAt.plusSeconds(6))).isEmpty();
    }

    @Test
    void theLostAfterTimeIsNeverShorterThanTheReportTimeoutAndZeroMeansNever() {
        Fleet hasty = new Fleet(TIMEOUT, Duration.ofSeconds(1));
        hasty.register(berlin(), START);
        assertThat(hasty.silentSinceLostAfter(START.plus(TIMEOUT))).isEmpty();
        assertThat(hasty.silentSinceLostAfter(START.plus(TIMEOUT).plusMillis(1))).containsExactly("ber-1");

        Fleet patient = new Fleet(TIMEOUT, Duration.ZERO);
        patient.register(berlin(), START);
        assertThat(patient.silentSinceLostAfter(START.plus(Duration.ofDays(365)))).isEmpty();
    }

    @Test
    void drainingIsUpToOperatorsAndSurvivesReports() {
        fleet.register(berlin(), START);

        assertThat(fleet.drain("ber-1", true)).isTrue();
        fleet.report(report(0, 0), START.plusSeconds(1));
        assertThat(view().availability()).isEqualTo(Availability.DRAINED);

        fleet.drain("ber-1", false);
        assertThat(view().availability()).isEqualTo(Availability.UP);
        assertThat(fleet.drain("nowhere", true)).isFalse();
    }

    @Test
    void reportsFromUnregisteredServersAreRefused() {
        assertThat(fleet.report(report(0, 0), START)).isFalse();
    }

    /**
     * What every request asks of the fleet is answered while a decision or a report holds the fleet: a queue of
     * requests (a master group's hand-over) does not wait for the lock to learn what only a registration changes.
     */
    @Test
    void whatRequestsAskIsAnsweredWhileTheFleetIsBusy() throws Exception {
        fleet.register(berlin(), START);
        fleet.running("elsewhere", "client-1"); // a server known from a running session, never registered
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService decider = Executors.newSingleThreadExecutor();
        ExecutorService request = Executors.newSingleThreadExecutor();
        try {
            decider.execute(() -> {
                synchronized (fleet) {
                    held.countDown();
                    awaitQuietly(release);
                }
            });
            held.await();
            Future<List<Object>> answers = request.submit(() -> List.of(fleet.offers("bash"), fleet.offers("writer"),
                    fleet.location("ber-1"), fleet.agentUrl("ber-1"), fleet.location("elsewhere"),
                    fleet.agentUrl("elsewhere")));

            assertThat(answers.get(10, TimeUnit.SECONDS)).containsExactly(true, false, Location.parse("eu/de/ber"),
                    Optional.of("http://127.0.0.1:9001/agent"), Location.UNKNOWN, Optional.empty());
        } finally {
            release.countDown();
            decider.shutdown();
            request.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void offersOnlyWhatRegisteredServersOffer() {
        fleet.register(berlin(), START);

        assertThat(fleet.offers("bash")).isTrue();
        assertThat(fleet.offers("writer")).isFalse();
        assertThat(fleet.applications()).containsExactly("bash");
    }
}
