package org.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StdioLinkTest {

    private static final StdioLink FLEET = new StdioLink(new SharedSecret("the-fleet-secret-0123456789"));

    @Test
    void framesComeOutAsTheyWentIn() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] proof = FLEET.proof("session-1");
        StdioLink.hello(wire, proof);
        StdioLink.data(wire, "..hello\n..".getBytes(StandardCharsets.UTF_8), 2, 6);
        StdioLink.endOfInput(wire);

        InputStream in = new ByteArrayInputStream(wire.toByteArray());
        StdioLink.Frame hello = StdioLink.read(in);
        assertThat(hello.type()).isEqualTo(StdioLink.HELLO);
        assertThat(FLEET.admits("session-1", hello.bytes())).isTrue();
        StdioLink.Frame data = StdioLink.read(in);
        assertThat(data.type()).isEqualTo(StdioLink.DATA);
        assertThat(new String(data.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(StdioLink.read(in).type()).isEqualTo(StdioLink.END_OF_INPUT);
        assertThatThrownBy(() -> StdioLink.read(in)).as("the connection ended between frames")
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aProofOpensOneSessionOfOneFleet() {
        byte[] proof = FLEET.proof("session-1");

        assertThat(proof).hasSize(32);
        assertThat(FLEET.admits("session-1", proof)).isTrue();
        assertThat(FLEET.admits("session-2", proof)).isFalse();
        assertThat(new StdioLink(new SharedSecret("another-fleet-secret-01234")).admits("session-1", proof)).isFalse();
        assertThat(FLEET.admits("session-1", Arrays.copyOf(proof, 31))).isFalse();
        assertThat(FLEET.admits(null, proof)).isFalse();
        assertThat(FLEET.admits("session-1", null)).isFalse();
    }

    @Test
    void bytesThatAreNoFrameAreRefused() {
        InputStream typed = new ByteArrayInputStream("hello, is anybody there?\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> StdioLink.read(typed)).isInstanceOf(StdioLink.ProtocolException.class);

        InputStream huge = new ByteArrayInputStream(new byte[] {StdioLink.DATA, 0x7f, 0, 0, 0});
        assertThatThrownBy(() -> StdioLink.read(huge)).isInstanceOf(StdioLink.ProtocolException.class)
                .hasMessageContaining("cannot carry");

        InputStream endWithBytes = new ByteArrayInputStream(new byte[] {StdioLink.END_OF_INPUT, 0, 0, 0, 1, 'x'});
        assertThatThrownBy(() -> StdioLink.read(endWithBytes)).isInstanceOf(StdioLink.ProtocolException.class);
    }

    @Test
    void aFrameCutShortIsTheEndOfTheConnection() {
        InputStream cut = new ByteArrayInputStream(new byte[] {StdioLink.DATA, 0, 0, 0, 10, 'a', 'b'});

        assertThatThrownBy(() -> StdioLink.read(cut)).isInstanceOf(EOFException.class);
    }

    @Test
    void noFrameLargerThanTheLimitIsWritten() {
        byte[] tooMuch = new byte[StdioLink.MAX_FRAME_BYTES + 1];

        assertThatThrownBy(() -> StdioLink.data(new ByteArrayOutputStream(), tooMuch, 0, tooMuch.length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
