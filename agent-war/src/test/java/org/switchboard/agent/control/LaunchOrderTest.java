package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.protocol.LaunchInstruction;

class LaunchOrderTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration AGENT_DEFAULT = Duration.ofSeconds(30);

    @Test
    void theDeadlineIsTheInstructionsTimeoutFromReceipt() {
        LaunchOrder order = of(new LaunchInstruction("s-1", "echo", "client", 2_000L));

        assertThat(order.deadline()).isEqualTo(RECEIVED.plusMillis(2_000));
        assertThat(order.deadlinePassed(RECEIVED.plusMillis(2_000))).isFalse();
        assertThat(order.deadlinePassed(RECEIVED.plusMillis(2_001))).isTrue();
    }

    @Test
    void withoutATimeoutTheAgentsDefaultApplies() {
        assertThat(of(new LaunchInstruction("s-1", "echo", "client")).deadline())
                .isEqualTo(RECEIVED.plus(AGENT_DEFAULT));
        assertThat(new LaunchOrder("pool-1", "echo", "pool").deadlinePassed(Instant.MAX)).as("pool orders").isFalse();
    }

    @Test
    void refusesATimeoutThatIsNoTime() {
        assertThatThrownBy(() -> of(new LaunchInstruction("s-1", "echo", "client", 0L)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("timeoutMs");
    }

    @Test
    void instructionsOfMastersThatSendNoTimeoutStillRead() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            LaunchInstruction old = jsonb.fromJson("{\"session\":\"s-1\",\"app\":\"cat\",\"client\":\"c\"}",
                    LaunchInstruction.class);
            LaunchInstruction timed = jsonb.fromJson(jsonb.toJson(old.withTimeout(Duration.ofSeconds(29))),
                    LaunchInstruction.class);

            assertThat(old).isEqualTo(new LaunchInstruction("s-1", "cat", "c", null));
            assertThat(jsonb.toJson(old)).doesNotContain("timeoutMs");
            assertThat(timed.timeoutMs()).isEqualTo(29_000L);
        }
    }

    @Test
    void acceptsPlainIds() {
        LaunchOrder order = of(new LaunchInstruction("3f2a-17", "echo", "ada.lovelace@example-org"));

        assertThat(order.client()).isEqualTo("ada.lovelace@example-org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x; rm -rf /", "$(id)", "`id`", "a b", "a\nb", "../../etc", ""})
    void rejectsClientIdsThatCouldMeanSomethingToAShell(String client) {
        assertThatThrownBy(() -> of(new LaunchInstruction("s-1", "echo", client)))
                .isInstanceOfSatisfying(LaunchException.class,
                        refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.INVALID_INSTRUCTION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s 1", "s;1", "s/1", "s.1", "0123456789012345678901234567890123456789012345678901234567890123X"})
    void rejectsMalformedSessionIds(String session) {
        assertThatThrownBy(() -> of(new LaunchInstruction(session, "echo", "client")))
                .isInstanceOf(LaunchException.class);
    }

    @Test
    void rejectsMissingParts() {
        assertThatThrownBy(() -> of(null)).isInstanceOf(LaunchException.class);
        assertThatThrownBy(() -> of(new LaunchInstruction("s-1", null, "client")))
                .isInstanceOf(LaunchException.class);
        assertThatThrownBy(() -> of(new LaunchInstruction(null, "echo", "client")))
                .isInstanceOf(LaunchException.class);
    }

    private static LaunchOrder of(LaunchInstruction instruction) {
        return LaunchOrder.of(instruction, RECEIVED, AGENT_DEFAULT);
    }
}
