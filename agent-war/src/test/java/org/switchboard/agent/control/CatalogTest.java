package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.agent.entity.Application;
import org.switchboard.agent.entity.Limits;
import org.switchboard.agent.entity.Kind;
import org.switchboard.agent.entity.Screen;

class CatalogTest {

    @Test
    void readsTheRepositoryCatalog() {
        Catalog catalog = SampleCatalogs.repository();

        assertThat(catalog.names()).containsExactly("bash", "cat", "echo", "jshell", "xterm");
        assertThat(catalog.application("echo").orElseThrow().kind()).isEqualTo(Kind.TCP);
        assertThat(catalog.application("xterm").orElseThrow().kind()).isEqualTo(Kind.DESKTOP);
        assertThat(catalog.application("echo").orElseThrow().readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(catalog.directory()).contains(SampleCatalogs.REPOSITORY_CATALOG.toAbsolutePath().normalize().getParent());
    }

    @Test
    void bundledCatalogNeedsOnlyAJdkAndAShell() {
        Catalog catalog = Catalog.bundled(Duration.ofSeconds(5));

        assertThat(catalog.names()).containsExactly("bash", "cat", "jshell");
        assertThat(catalog.directory()).isEmpty();
        assertThat(catalog.application("bash").orElseThrow().readyTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsAnUnknownKind() {
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"x\",\"kind\":\"udp\",\"argv\":[\"x\"]}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("unknown kind 'udp'")
                .hasMessageContaining("[tcp, stdio, desktop]");
    }

    @Test
    void readsADesktopApplicationWithItsScreen() {
        Catalog catalog = SampleCatalogs.of(SampleCatalogs.xterm("640x400"),
                "{\"name\":\"writer\",\"kind\":\"desktop\",\"argv\":[\"libreoffice\",\"--writer\",\"--norestore\"],"
                        + "\"weight\":3}");

        Application xterm = catalog.application("xterm").orElseThrow();
        assertThat(xterm.kind()).isEqualTo(Kind.DESKTOP);
        assertThat(xterm.argv()).containsExactly("xterm");
        assertThat(xterm.screen()).isEqualTo(new Screen(640, 400));
        Application writer = catalog.application("writer").orElseThrow();
        assertThat(writer.screen()).as("the default screen").isEqualTo(new Screen(1280, 800));
        assertThat(writer.limits().weight()).isEqualTo(3);
    }

    @Test
    void onlyDesktopApplicationsHaveAScreen() {
        assertThat(SampleCatalogs.of(SampleCatalogs.cat()).application("cat").orElseThrow().screen()).isNull();
        assertThatThrownBy(() -> SampleCatalogs.of(
                "{\"name\":\"x\",\"kind\":\"stdio\",\"argv\":[\"x\"],\"screen\":\"800x600\"}"))
                .isInstanceOf(InvalidCatalogException.class)
                .hasMessageContaining("only desktop applications have one, not stdio ones");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"screen\":\"1280*800\"                 | '1280*800' is no screen size; expected <width>x<height>",
            "\"screen\":\"1280x800x24\"              | '1280x800x24' is no screen size",
            "\"screen\":\"\"                         | '' is no screen size",
            "\"screen\":\" 1280x800\"                | is no screen size",
            "\"screen\":\"-1x800\"                   | is no screen size",
            "\"screen\":\"32x800\"                   | width and height must be 64 to 8192",
            "\"screen\":\"1280x10000\"               | width and height must be 64 to 8192",
            "\"screen\":1280                       | '1280' is no screen size",
            "\"argv\":[\"xterm\",\"-geometry\",\"{port}\"] | cannot use {port}: the port is its VNC server's",
            "\"ready\":{\"line\":\"started\"}          | cannot have a \"ready\" line"})
    void rejectsAnInvalidDesktopApplication(String field, String reason) {
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"desk\",\"kind\":\"desktop\"," + field
                + (field.contains("argv") ? "" : ",\"argv\":[\"xterm\"]") + "}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("'desk'")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsAnEmptyArgv() {
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"x\",\"kind\":\"stdio\",\"argv\":[]}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("empty argv");
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"x\",\"kind\":\"stdio\"}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("empty argv");
    }

    @Test
    void rejectsABadName() {
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"Bad Name\",\"kind\":\"stdio\",\"argv\":[\"x\"]}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"../x\",\"kind\":\"stdio\",\"argv\":[\"x\"]}"))
                .isInstanceOf(InvalidCatalogException.class);
    }

    @Test
    void rejectsAnUnknownPlaceholder() {
        assertThatThrownBy(() -> SampleCatalogs.of(
                "{\"name\":\"x\",\"kind\":\"stdio\",\"argv\":[\"x\",\"--home={home}\"]}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("{home}");
    }

    @Test
    void rejectsADuplicateName() {
        assertThatThrownBy(() -> SampleCatalogs.of(SampleCatalogs.cat(), SampleCatalogs.cat()))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("listed twice");
    }

    @Test
    void rejectsATcpApplicationThatIgnoresItsPort() {
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"x\",\"kind\":\"tcp\",\"argv\":[\"x\"]}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("{port}");
    }

    @Test
    void rejectsCatalogDirWhereThereIsNoDirectory() {
        String json = "{\"applications\":[{\"name\":\"x\",\"kind\":\"stdio\",\"argv\":[\"{catalogDir}/x\"]}]}";

        assertThatThrownBy(() -> Catalog.parse(json, null, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("{catalogDir}");
    }

    @Test
    void rejectsWhatIsNotACatalog() {
        assertThatThrownBy(() -> SampleCatalogs.of("42")).isInstanceOf(InvalidCatalogException.class);
        assertThatThrownBy(() -> Catalog.parse("{}", null, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("no \"applications\"");
        assertThatThrownBy(() -> Catalog.load(Path.of("no-such-catalog.json"), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("no-such-catalog.json");
    }

    @Test
    void readsTheLifecycleFields() {
        Catalog catalog = SampleCatalogs.of("{\"name\":\"x\",\"kind\":\"tcp\",\"argv\":[\"x\",\"{port}\"],"
                + "\"ready\":{\"line\":\"listening on [0-9]+\"},\"readyTimeoutMs\":1500,\"maxInstances\":3,"
                + "\"weight\":2,\"maxLifetimeSeconds\":3600,\"pool\":1,\"idleTimeoutSeconds\":600}");

        Application x = catalog.application("x").orElseThrow();
        assertThat(x.readiness().readyLine()).get().extracting(Pattern::pattern).isEqualTo("listening on [0-9]+");
        assertThat(x.readyTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(x.limits()).isEqualTo(new Limits(3, 2, Duration.ofHours(1), 1, Duration.ofMinutes(10)));
    }

    @Test
    void withoutLifecycleFieldsAnApplicationIsUnlimited() {
        Application cat = SampleCatalogs.of(SampleCatalogs.cat()).application("cat").orElseThrow();

        assertThat(cat.limits()).isEqualTo(Limits.none());
        assertThat(cat.readiness().readyLine()).isEmpty();
    }

    @Test
    void rejectsAMisspeltField() {
        assertThatThrownBy(() -> SampleCatalogs.of(
                "{\"name\":\"x\",\"kind\":\"stdio\",\"argv\":[\"x\"],\"maxInstance\":3}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("unknown field \"maxInstance\"");
        assertThatThrownBy(() -> SampleCatalogs.of(
                "{\"name\":\"x\",\"kind\":\"stdio\",\"argv\":[\"x\"],\"ready\":{\"lines\":\"x\"}}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("\"lines\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"ready\":{\"line\":\"([unclosed\"}     | no regular expression",
            "\"ready\":{}                          | without a \"line\"",
            "\"readyTimeoutMs\":0                  | positive readyTimeoutMs",
            "\"maxInstances\":0                    | maxInstances must be at least 1",
            "\"weight\":-1                         | weight must be at least 1",
            "\"maxLifetimeSeconds\":0              | positive maxLifetimeSeconds",
            "\"idleTimeoutSeconds\":-5             | positive idleTimeoutSeconds",
            "\"pool\":3,\"maxInstances\":2         | pool must be between 0 and maxInstances",
            "\"pool\":1,\"argv\":[\"x\",\"{session}\"] | cannot use {session}",
            "\"workdir\":\"no-such-directory\"     | is not a directory",
            "\"weight\":\"heavy\"                  | not a catalog"})
    void rejectsAnInvalidLifecycleField(String field, String reason) {
        assertThatThrownBy(() -> SampleCatalogs.of("{\"name\":\"x\",\"kind\":\"stdio\"," + field
                + (field.contains("argv") ? "" : ",\"argv\":[\"x\"]") + "}"))
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining(reason);
    }
}
