package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.switchboard.selection.Location;

class SessionRequestTest {

    @Test
    void acceptsAWellFormedRequest() {
        SessionRequest request = SessionRequest.of("bash", "alice@example.org", "eu/de");

        assertThat(request.location()).isEqualTo(Location.parse("eu/de"));
    }

    @Test
    void aMissingLocationIsUnknown() {
        assertThat(SessionRequest.of("bash", "alice", null).location()).isEqualTo(Location.UNKNOWN);
    }

    @Test
    void refusesValuesThatCouldReachAShellOrALog() {
        assertThatThrownBy(() -> SessionRequest.of("bash", "x; rm -rf /", null)).isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("clientId");
        assertThatThrownBy(() -> SessionRequest.of("bash", "$(id)", null)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> SessionRequest.of("../bin/sh", "alice", null)).isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("app");
        assertThatThrownBy(() -> SessionRequest.of("bash", "a".repeat(65), null)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void requiresAppAndClient() {
        assertThatThrownBy(() -> SessionRequest.of(null, "alice", null)).hasMessage("app is required");
        assertThatThrownBy(() -> SessionRequest.of("bash", " ", null)).hasMessage("clientId is required");
    }

    @Test
    void aMalformedLocationIsAnInvalidRequest() {
        assertThatThrownBy(() -> SessionRequest.of("bash", "alice", "eu//de")).isInstanceOf(InvalidRequest.class);
    }
}
