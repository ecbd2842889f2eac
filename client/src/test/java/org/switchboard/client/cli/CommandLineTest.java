package org.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void runTakesItsOptionsAnywhereInEitherForm() {
        assertThat(CommandLine.parse("run", "--slave", "http://127.0.0.1:9000", "cat", "--client=me",
                "--location", "eu/de", "--forward", "8022", "--direct"))
                .isEqualTo(new Command.Run("cat", "http://127.0.0.1:9000", "me", "eu/de", 8022, true, false));
        assertThat(CommandLine.parse("run", "bash"))
                .isEqualTo(new Command.Run("bash", null, null, null, null, false, false));
        assertThat(CommandLine.parse("run", "--new", "bash"))
                .isEqualTo(new Command.Run("bash", null, null, null, null, false, true));
    }

    @Test
    void theOtherCommands() {
        assertThat(CommandLine.parse("attach", "s-1", "--forward=0")).isEqualTo(new Command.Attach("s-1", null, 0, false));
        assertThat(CommandLine.parse("ls")).isEqualTo(new Command.ListSessions(null));
        assertThat(CommandLine.parse("rm", "s-1", "--slave", "http://x")).isEqualTo(new Command.Remove("s-1", "http://x"));
        assertThat(CommandLine.parse("apps")).isEqualTo(new Command.Applications(null));
    }

    @Test
    void helpWhenAskedOrGivenNothing() {
        assertThat(CommandLine.parse()).isInstanceOf(Command.Help.class);
        assertThat(CommandLine.parse("--help")).isInstanceOf(Command.Help.class);
        assertThat(CommandLine.parse("run", "cat", "-h")).isInstanceOf(Command.Help.class);
        assertThat(CommandLine.parse("help")).isInstanceOf(Command.Help.class);
    }

    @Test
    void whatMakesNoCommandIsToldInOneSentence() {
        assertThatThrownBy(() -> CommandLine.parse("run")).hasMessage("run needs one APP");
        assertThatThrownBy(() -> CommandLine.parse("run", "a", "b")).hasMessage("run needs one APP, not [a, b]");
        assertThatThrownBy(() -> CommandLine.parse("launch", "cat")).hasMessage("unknown command launch");
        assertThatThrownBy(() -> CommandLine.parse("run", "cat", "--verbose")).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> CommandLine.parse("run", "cat", "--slave")).hasMessage("--slave needs a value");
        assertThatThrownBy(() -> CommandLine.parse("run", "cat", "--forward", "http"))
                .hasMessage("--forward needs a port number, not http");
        assertThatThrownBy(() -> CommandLine.parse("run", "cat", "--forward", "70000"))
                .hasMessage("--forward needs a port from 0 to 65535, not 70000");
        assertThatThrownBy(() -> CommandLine.parse("rm", "s-1", "--direct")).hasMessage("--direct does not apply to rm");
        assertThatThrownBy(() -> CommandLine.parse("ls", "--client", "me")).hasMessage("--client does not apply to ls");
        assertThatThrownBy(() -> CommandLine.parse("ls", "extra")).hasMessage("ls takes no arguments, not [extra]");
    }
}
