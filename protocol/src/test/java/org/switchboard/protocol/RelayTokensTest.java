package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RelayTokensTest {

    private final RelayTokens tokens = new RelayTokens(new SecureRandom());

    @Test
    void aTokenMatchesOnlyItsOwnHash() {
        String token = tokens.newToken();
        String other = tokens.newToken();

        assertThat(RelayTokens.matches(token, RelayTokens.hash(token))).isTrue();
        assertThat(RelayTokens.matches(other, RelayTokens.hash(token))).isFalse();
        assertThat(RelayTokens.matches(null, RelayTokens.hash(token))).isFalse();
        assertThat(RelayTokens.matches("", RelayTokens.hash(token))).isFalse();
    }

    @Test
    void tokensCarry256RandomBitsAndNeverRepeat() {
        String token = tokens.newToken();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.newToken()).isNotEqualTo(token);
    }

    @Test
    void theStoredHashDoesNotRevealTheToken() {
        String token = tokens.newToken();

        assertThat(RelayTokens.hash(token)).doesNotContain(token).hasSize(64);
    }
}
