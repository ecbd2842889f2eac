package org.switchboard.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.switchboard.agent.entity.Kind;

class CatalogTest {

    @Test
    void readsTheRepositoryCatalog() {
        Catalog catalog = SampleCatalogs.repository();

        assertThat(catalog.names()).containsExactly("bash", "cat", "echo", "jshell");
        assertThat(catalog.application("echo").orElseThrow().kind()).isEqualTo(Kind.TCP);
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
                .isInstanceOf(InvalidCatalogException.class).hasMessageContaining("unknown kind 'udp'");
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
}
