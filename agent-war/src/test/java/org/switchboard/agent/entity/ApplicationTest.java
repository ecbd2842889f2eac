package org.switchboard.agent.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApplicationTest {

    private static Application greeter() {
        return new Application("greeter", Kind.TCP,
                List.of("{java}", "Greeter.java", "--port={port}", "{client}", "session {session} of {client}"),
                Readiness.byDefault(Duration.ofSeconds(5)), null, null, null);
    }

    @Test
    void fillsPlaceholdersInsideTheirArguments() {
        List<String> commandLine = greeter().commandLine(
                Map.of("java", "/jdk/bin/java", "port", "4711", "client", "ada", "session", "s-1"));

        assertThat(commandLine).containsExactly(
                "/jdk/bin/java", "Greeter.java", "--port=4711", "ada", "session s-1 of ada");
    }

    @Test
    void aValueStaysOneArgumentWhateverItContains() {
        List<String> commandLine = greeter().commandLine(
                Map.of("java", "java", "port", "1", "client", "x; rm -rf / $(id) {port}", "session", "s"));

        assertThat(commandLine).hasSize(5);
        assertThat(commandLine.get(3)).isEqualTo("x; rm -rf / $(id) {port}");
    }

    @Test
    void refusesToLaunchWithAPlaceholderLeftOpen() {
        assertThatThrownBy(() -> greeter().commandLine(Map.of("java", "java")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{port}");
    }

    @Test
    void aPooledApplicationCannotTakeItsSessionOrClient() {
        assertThatThrownBy(() -> new Application("greeter", Kind.TCP, List.of("greet", "{port}", "{session}"),
                Readiness.byDefault(Duration.ofSeconds(5)), null, null, new Limits(2, 1, null, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pooled");
    }

    @Test
    void knowsWhichPlaceholdersItUses() {
        assertThat(greeter().uses("port")).isTrue();
        assertThat(greeter().uses("catalogDir")).isFalse();
    }
}
