package org.switchboard.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.client.FakeSlave;

/**
 * The runnable jar as it ships ({@code java -jar}): JSON binding works inside it (Yasson binds records only when the
 * jar is multi-release) and it answers with its one-line errors.
 */
class CliJarIT {

    @TempDir
    Path home;

    private final FakeSlave slave = new FakeSlave();

    @AfterEach
    void stopSlave() {
        slave.close();
    }

    @Test
    void sendsTheRequestAsJsonAndReadsTheRefusal() throws Exception {
        slave.answering(request -> FakeSlave.Answer.json(400,
                "{\"error\":\"unknown-application\",\"reason\":\"no processing server offers application 'nope'\"}"));

        Result result = run("run", "nope", "--client", "me", "--slave", slave.url().toString());

        assertThat(slave.requests()).singleElement().satisfies(request -> assertThat(request.body())
                .isEqualTo("{\"app\":\"nope\",\"clientId\":\"me\",\"link\":\"relay\"}"));
        assertThat(result.exit()).isEqualTo(Main.REFUSED);
        assertThat(result.stderr()).isEqualTo(
                "switchboard: no processing server offers application 'nope' (unknown-application)\n");
    }

    @Test
    void printsItsUsage() throws Exception {
        Result result = run("--help");

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).startsWith("usage: switchboard run APP");
    }

    private Result run(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("switchboard.cliJar", "target/client-cli.jar"));
        assertThat(jar).exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(home.resolve("out").toFile())
                .redirectError(home.resolve("err").toFile());
        builder.environment().put("SWITCHBOARD_HOME", home.toString());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command line exits").isTrue();
            return new Result(process.exitValue(), Files.readString(home.resolve("out"), StandardCharsets.UTF_8),
                    Files.readString(home.resolve("err"), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }
}
