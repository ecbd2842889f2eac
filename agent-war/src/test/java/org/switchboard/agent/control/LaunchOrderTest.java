package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.protocol.LaunchInstruction;

class LaunchOrderTest {

    @Test
    void acceptsPlainIds() {
        LaunchOrder order = LaunchOrder.of(new LaunchInstruction("3f2a-17", "echo", "ada.lovelace@example-org"));

        assertThat(order.client()).isEqualTo("ada.lovelace@example-org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x; rm -rf /", "$(id)", "`id`", "a b", "a\nb", "../../etc", ""})
    void rejectsClientIdsThatCouldMeanSomethingToAShell(String client) {
        assertThatThrownBy(() -> LaunchOrder.of(new LaunchInstruction("s-1", "echo", client)))
                .isInstanceOfSatisfying(LaunchException.class,
                        refused -> assertThat(refused.problem()).isEqualTo(LaunchProblem.INVALID_INSTRUCTION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s 1", "s;1", "s/1", "s.1", "0123456789012345678901234567890123456789012345678901234567890123X"})
    void rejectsMalformedSessionIds(String session) {
        assertThatThrownBy(() -> LaunchOrder.of(new LaunchInstruction(session, "echo", "client")))
                .isInstanceOf(LaunchException.class);
    }

    @Test
    void rejectsMissingParts() {
        assertThatThrownBy(() -> LaunchOrder.of(null)).isInstanceOf(LaunchException.class);
        assertThatThrownBy(() -> LaunchOrder.of(new LaunchInstruction("s-1", null, "client")))
                .isInstanceOf(LaunchException.class);
        assertThatThrownBy(() -> LaunchOrder.of(new LaunchInstruction(null, "echo", "client")))
                .isInstanceOf(LaunchException.class);
    }
}
