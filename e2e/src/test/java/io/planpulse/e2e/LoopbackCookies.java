package io.planpulse.e2e;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser's cookie jar for a test on 127.0.0.1: like a browser, it sends {@code Secure} cookies to
 * the loopback address over plain HTTP (Keycloak marks its own so), which the JDK's CookieManager
 * never does. Every server here is on 127.0.0.1, so a cookie is told apart by its name and path only.
 */
final class LoopbackCookies extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String header = cookies.values().stream().filter(c -> path.startsWith(c.getPath() == null ? "/" : c.getPath()))
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
        for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
            if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Set-Cookie")) {
                continue;
            }
            for (String value : header.getValue()) {
                for (HttpCookie cookie : HttpCookie.parse(value)) {
                    String key = cookie.getName() + "|" + (cookie.getPath() == null ? "/" : cookie.getPath());
                    if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                        cookies.remove(key);
                    } else {
                        cookies.put(key, cookie);
                    }
                }
            }
        }
    }

    /** The names of the cookies held. */
    synchronized List<String> names() {
        return new ArrayList<>(cookies.values().stream().map(HttpCookie::getName).toList());
    }
}
