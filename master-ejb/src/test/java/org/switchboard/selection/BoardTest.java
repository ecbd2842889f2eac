package org.switchboard.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.switchboard.selection.SampleServers.server;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardTest {

    @Test
    void oneProgramFewerLightensOnlyThatServerAndNeverBelowZero() {
        Instant takenAt = Instant.parse("2026-01-01T00:00:00Z");
        Board board = new Board(List.of(server("a").load(3).build(), server("b").load(3).build(),
                server("idle").load(0).build()), takenAt);

        Board lighter = board.withOneProgramFewer("a").withOneProgramFewer("idle");

        assertThat(lighter.servers()).extracting(ServerView::name, ServerView::load)
                .containsExactly(tuple("a", 2), tuple("b", 3),
                        tuple("idle", 0));
        assertThat(lighter.takenAt()).isEqualTo(takenAt);
        assertThat(lighter.servers().get(0)).isEqualTo(board.servers().get(0).withLoad(2));
    }
}
