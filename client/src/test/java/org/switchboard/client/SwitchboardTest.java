package org.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SwitchboardTest {

    private final List<FakeSlave> slaves = new ArrayList<>();

    @AfterEach
    void stopSlaves() {
        slaves.forEach(FakeSlave::close);
    }

    private FakeSlave slave() {
        FakeSlave slave = new FakeSlave();
        slaves.add(slave);
        return slave;
    }

    @Test
    void followsARedirectWithItsTicketAndSaysWhichSlaveServed() {
        FakeSlave central = slave();
        FakeSlave edge = slave();
        central.answering(request -> FakeSlave.redirectTo(edge, "signed-ticket"));
        edge.answering(request -> edge.opened("s-1", "secret-token"));

        OpenedSession opened = new Switchboard(central.url()).open("cat", "me", "eu/de/ber", LinkKind.RELAY);

        assertThat(edge.requests()).singleElement().satisfies(request -> assertThat(request.body())
                .contains("\"ticket\":\"signed-ticket\"").contains("\"app\":\"cat\"").contains("\"clientId\":\"me\"")
                .contains("\"location\":\"eu/de/ber\"").contains("\"link\":\"relay\""));
        assertThat(central.requests().get(0).body()).doesNotContain("ticket");
        assertThat(opened.slave()).isEqualTo(edge.url());
        assertThat(opened.redirectedBy()).containsExactly(central.url());
        Session session = opened.session();
        assertThat(session.id()).isEqualTo("s-1");
        assertThat(session.token()).isEqualTo("secret-token");
        assertThat(session.server()).isEqualTo(new Session.Place("fra", "eu/de/fra"));
        assertThat(session.slave().name()).isEqualTo("edge");
        assertThat(session.pid()).isEqualTo(4242);
        assertThat(session.endpoint()).isEqualTo(new Session.Endpoint("127.0.0.1", 4711));
    }

    @Test
    void aTicketOnlyInTheLocationIsCarriedToo() {
        FakeSlave central = slave();
        FakeSlave edge = slave();
        central.answering(request -> FakeSlave.Answer.json(307, "{}").with("Location", edge.sessions() + "?ticket=a%2Bb"));
        edge.answering(request -> edge.opened("s-2", "t"));

        new Switchboard(central.url()).open("cat", "me", null, LinkKind.RELAY);

        assertThat(edge.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/v1/sessions");
            assertThat(request.body()).contains("\"ticket\":\"a+b\"");
        });
    }

    @Test
    void aSlaveThatSendsTheClientBackIsARedirectLoop() {
        FakeSlave first = slave();
        FakeSlave second = slave();
        first.answering(request -> FakeSlave.redirectTo(second, "t1"));
        second.answering(request -> FakeSlave.redirectTo(first, "t2"));

        SwitchboardException loop = catchThrowableOfType(
                () -> new Switchboard(first.url()).open("cat", "me", null, LinkKind.RELAY),
                SwitchboardException.class);

        assertThat(loop.kind()).isEqualTo(SwitchboardException.Kind.REDIRECT_LOOP);
        assertThat(loop.getMessage()).startsWith("redirect loop refused")
                .contains(first.sessions() + " -> " + second.sessions() + " -> " + first.sessions());
        assertThat(first.requests()).hasSize(1);
        assertThat(second.requests()).hasSize(1);
    }

    @Test
    void aLoopIsSeenWhenOnlyTheLocationSaysWhereWithADifferentTicketEachTime() {
        FakeSlave first = slave();
        FakeSlave second = slave();
        first.answering(request -> FakeSlave.Answer.json(307, "{}")
                .with("Location", second.sessions() + "?ticket=t" + first.requests().size()));
        second.answering(request -> FakeSlave.Answer.json(307, "{}")
                .with("Location", first.sessions() + "?ticket=u" + second.requests().size()));

        assertThatThrownBy(() -> new Switchboard(first.url()).open("cat", "me", null, LinkKind.RELAY))
                .hasMessageStartingWith("redirect loop refused: sent back to a slave already asked");
        assertThat(first.requests()).hasSize(1);
    }

    @Test
    void atMostThreeRedirectsAreFollowed() {
        List<FakeSlave> chain = List.of(slave(), slave(), slave(), slave(), slave());
        for (int i = 0; i < chain.size() - 1; i++) {
            FakeSlave next = chain.get(i + 1);
            chain.get(i).answering(request -> FakeSlave.redirectTo(next, "t"));
        }
        chain.get(4).answering(request -> chain.get(4).opened("never", "t"));

        assertThatThrownBy(() -> new Switchboard(chain.get(0).url()).open("cat", "me", null, LinkKind.RELAY))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.kind())
                        .isEqualTo(SwitchboardException.Kind.REDIRECT_LOOP))
                .hasMessageStartingWith("redirect loop refused: more than 3 redirects");
        assertThat(chain.get(3).requests()).as("three redirects followed").hasSize(1);
        assertThat(chain.get(4).requests()).as("the fourth is not").isEmpty();
    }

    @Test
    void anUnknownApplicationIsRefusedWithTheSlavesReason() {
        FakeSlave slave = slave().answering(request -> FakeSlave.Answer.json(400,
                "{\"error\":\"unknown-application\",\"reason\":\"no application 'nope'\"}"));

        SwitchboardException refused = catchThrowableOfType(
                () -> new Switchboard(slave.url()).open("nope", "me", null, LinkKind.RELAY),
                SwitchboardException.class);

        assertThat(refused.kind()).isEqualTo(SwitchboardException.Kind.REFUSED);
        assertThat(refused.error()).isEqualTo("unknown-application");
        assertThat(refused.getMessage()).isEqualTo("no application 'nope' (unknown-application)");
    }

    @Test
    void noCapacityGivesTheReasonOfEveryServer() {
        FakeSlave slave = slave().answering(request -> FakeSlave.Answer.json(503, """
                {"error":"no-capacity","reason":"no processing server can run 'cat' now",
                 "servers":[{"server":"fra","reason":"full (3 of 3)"},{"server":"nyc","reason":"drained"}]}
                """).with("Retry-After", "5"));

        SwitchboardException full = catchThrowableOfType(
                () -> new Switchboard(slave.url()).open("cat", "me", null, LinkKind.RELAY),
                SwitchboardException.class);

        assertThat(full.kind()).isEqualTo(SwitchboardException.Kind.NO_CAPACITY);
        assertThat(full.getMessage()).isEqualTo("no capacity: no processing server can run 'cat' now (retry after 5 s)");
        assertThat(full.details()).containsExactly("fra: full (3 of 3)", "nyc: drained");
    }

    @Test
    void aSlaveThatIsNotThereIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed);

        assertThatThrownBy(() -> new Switchboard(nowhere).open("cat", "me", null, LinkKind.RELAY))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.kind())
                        .isEqualTo(SwitchboardException.Kind.UNREACHABLE))
                .hasMessage("no slave reachable at " + nowhere + " (connection refused)");
    }

    @Test
    void showingAndEndingPresentTheToken() {
        FakeSlave slave = slave().answering(request -> request.authorization().equals("Bearer tok")
                ? FakeSlave.Answer.json(200, "{\"id\":\"s-9\",\"app\":\"cat\",\"state\":\"ended\",\"endReason\":\"client\"}")
                : FakeSlave.Answer.json(403, "{\"error\":\"access-refused\",\"reason\":\"wrong token\"}"));
        Switchboard switchboard = new Switchboard(slave.url());

        assertThat(switchboard.show("s-9", "tok").state()).isEqualTo("ended");
        assertThat(switchboard.end("s-9", "tok").ended()).isTrue();
        assertThat(slave.requests()).extracting(FakeSlave.Request::method, FakeSlave.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/sessions/s-9"),
                        org.assertj.core.groups.Tuple.tuple("DELETE", "/api/v1/sessions/s-9"));
        assertThatThrownBy(() -> switchboard.show("s-9", "wrong")).hasMessage("wrong token (access-refused)");
    }

    @Test
    void somethingThatIsNoSlaveIsToldApart() {
        FakeSlave slave = slave().answering(request -> FakeSlave.Answer.json(404, "<html>not found</html>"));

        assertThatThrownBy(() -> new Switchboard(slave.url()).applications())
                .hasMessage(slave.url() + " answered 404: is it a Switchboard slave?");
    }
}
