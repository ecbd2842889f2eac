package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharedSecretTest {

    private final SharedSecret secret = new SharedSecret("correct horse battery staple");

    @Test
    void admitsItsOwnHeader() {
        assertThat(secret.admits(secret.header())).isTrue();
    }

    @Test
    void refusesMissingWrongOrOtherSchemeHeaders() {
        assertThat(secret.admits(null)).isFalse();
        assertThat(secret.admits("Bearer correct horse battery stapl")).isFalse();
        assertThat(secret.admits("Basic correct horse battery staple")).isFalse();
        assertThat(secret.admits("Bearer correct horse battery staple!")).isFalse();
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new SharedSecret("short")).hasMessageContaining("switchboard.secret");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(secret.toString()).doesNotContain("horse");
    }
}
