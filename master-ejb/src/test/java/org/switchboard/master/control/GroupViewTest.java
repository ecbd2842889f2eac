package org.switchboard.master.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupViewTest {

    @Test
    void theOldestMemberDecidesWhileItSeesAMajority() {
        GroupView whole = new GroupView(List.of("a", "b", "c"), "a", 3);
        assertThat(whole.decider()).contains("a");
        assertThat(whole.selfDecides()).isTrue();
        assertThat(whole.whyNotDeciding()).isEmpty();
        assertThat(new GroupView(List.of("a", "b", "c"), "b", 3).selfDecides()).isFalse();
        assertThat(new GroupView(List.of("a", "b", "c"), "b", 3).whyNotDeciding()).get().asString()
                .contains("another member");
    }

    @Test
    void whenTheDeciderIsGoneTheNextOldestDecides() {
        GroupView afterLoss = new GroupView(List.of("b", "c"), "b", 3);
        assertThat(afterLoss.decider()).contains("b");
        assertThat(afterLoss.selfDecides()).isTrue();
    }

    @Test
    void aMinorityNeverDecides() {
        GroupView alone = new GroupView(List.of("a"), "a", 3);
        assertThat(alone.majority()).isEqualTo(2);
        assertThat(alone.decider()).isEmpty();
        assertThat(alone.selfDecides()).isFalse();
        assertThat(alone.whyNotDeciding()).get().asString().contains("1 of the group's 3");
        assertThat(new GroupView(List.of("a", "b"), "a", 4).selfDecides()).as("two of four are no majority").isFalse();
        assertThat(new GroupView(List.of("a", "b", "c"), "a", 4).selfDecides()).isTrue();
    }

    @Test
    void aGroupOfOneIsAMasterOfItsOwn() {
        assertThat(new GroupView(List.of("a"), "a", 1).selfDecides()).isTrue();
        assertThatThrownBy(() -> new GroupView(List.of(), "a", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
