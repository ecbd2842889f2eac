package org.switchboard.protocol;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The masters a slave or an agent works with: {@code switchboard.master.url} names one master's base URL, or several
 * separated by commas (a master group, see docs/design.md). Order matters only as the order slaves try them in.
 */
public final class MasterUrls {

    private MasterUrls() {
    }

    /** The base URLs in {@code value}, without trailing slashes or repeats; at least one, each an http(s) URL. */
    public static List<URI> parse(String value) {
        Set<URI> urls = new LinkedHashSet<>();
        for (String part : value == null ? new String[0] : value.split(",")) {
            String url = part.trim().replaceAll("/+$", "");
            if (url.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("switchboard.master.url: not a URL: " + url, e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("switchboard.master.url: not an http(s) URL: " + url);
            }
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("switchboard.master.url names no master: '" + value + "'");
        }
        return List.copyOf(urls);
    }
}
