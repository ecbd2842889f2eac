package org.switchboard.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A session as the public API shows it. {@code relay} (which carries the session's token) is there only in the answer
 * that opened it; {@code state} is {@code running} or {@code ended}, with {@code endReason} once ended.
 */
public record Session(String id, String app, String clientId, Place server, Place slave, long pid, Endpoint endpoint,
                      String link, String relay, String state, String endReason) {

    private static final String TOKEN = "token=";

    /** The session's token, from its relay URL: it grants showing, ending and linking to the session. */
    public String token() {
        if (relay == null || !relay.contains(TOKEN)) {
            throw new IllegalStateException("session " + id + " was not answered with its relay URL");
        }
        String token = relay.substring(relay.indexOf(TOKEN) + TOKEN.length());
        int end = token.indexOf('&');
        return URLDecoder.decode(end < 0 ? token : token.substring(0, end), StandardCharsets.UTF_8);
    }

    public boolean ended() {
        return "ended".equals(state);
    }

    /** A processing server or a slave: its name and location. */
    public record Place(String name, String location) {
    }

    /** Where the program listens: its host and TCP port. */
    public record Endpoint(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
