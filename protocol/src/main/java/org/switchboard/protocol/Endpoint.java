package org.switchboard.protocol;

/** Where a launched program can be reached: the host and TCP port its agent gave it. */
public record Endpoint(String host, int port) {

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("endpoint host is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("endpoint port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
