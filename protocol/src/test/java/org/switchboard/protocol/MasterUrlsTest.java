package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MasterUrlsTest {

    @Test
    void oneUrlIsAGroupOfOne() {
        assertThat(MasterUrls.parse("http://127.0.0.1:8080/")).containsExactly(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void severalUrlsKeepTheirOrderWithoutRepeats() {
        assertThat(MasterUrls.parse(" http://127.0.0.1:8080, http://127.0.0.1:8081/ ,,http://127.0.0.1:8080"))
                .containsExactly(URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:8081"));
    }

    @Test
    void refusesWhatIsNoMasterUrl() {
        assertThatThrownBy(() -> MasterUrls.parse(" , ")).hasMessageContaining("names no master");
        assertThatThrownBy(() -> MasterUrls.parse("127.0.0.1:8080")).hasMessageContaining("127.0.0.1:8080");
        assertThatThrownBy(() -> MasterUrls.parse("http://127.0.0.1:8080,ftp://x")).hasMessageContaining("ftp://x");
    }
}
