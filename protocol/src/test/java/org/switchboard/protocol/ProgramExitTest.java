package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgramExitTest {

    @Test
    void aProgramThatEndedOnItsOwnExited() {
        assertThat(new ProgramExit("s-1", 0, "exited").endReason()).isEqualTo("program exited with code 0");
    }

    @Test
    void anExitWithoutAReasonIsTakenForOneOnItsOwn() {
        assertThat(new ProgramExit("s-1", 3).endReason()).isEqualTo("program exited with code 3");
    }

    @Test
    void theAgentsReasonComesFirst() {
        assertThat(new ProgramExit("s-1", 143, "idle").endReason()).isEqualTo("idle: program ended with code 143");
    }

    @Test
    void anUnknownCodeIsLeftOut() {
        assertThat(new ProgramExit("s-1", null).endReason()).isEqualTo("program exited");
        assertThat(new ProgramExit("s-1", null, "exited").endReason()).isEqualTo("program exited");
        assertThat(new ProgramExit("s-1", null, "left-by-dead-agent").endReason())
                .isEqualTo("left-by-dead-agent: program ended");
    }
}
