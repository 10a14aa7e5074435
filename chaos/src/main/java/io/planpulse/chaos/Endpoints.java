package io.planpulse.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service as a load balancer sees them: each one's readiness is checked every
 * 100 ms, and requests go round-robin to the ready ones (to every one when none is ready, so that
 * clients of a single instance see its outage). This is what takes an instance that was asked to
 * stop out of rotation before it stops listening.
 */
final class Endpoints implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofMillis(100);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500)).build();
    private final List<String> urls = new CopyOnWriteArrayList<>();
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final Thread checker;
    private volatile boolean open = true;

    Endpoints(String url) {
        add(url);
        checker = new Thread(this::check, "readiness");
        checker.setDaemon(true);
        checker.start();
    }

    /** Another instance, taken into rotation once it answers ready. */
    void add(String url) {
        urls.add(url);
    }

    /** The base URL to send the next request to. */
    String next() {
        List<String> candidates = urls.stream().filter(ready::contains).toList();
        List<String> from = candidates.isEmpty() ? urls : candidates;
        return from.get(Math.floorMod(next.getAndIncrement(), from.size()));
    }

    private void check() {
        while (open) {
            for (String url : urls) {
                if (isReady(url)) {
                    ready.add(url);
                } else {
                    ready.remove(url);
                }
            }
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean isReady(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofMillis(500))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        open = false;
        checker.interrupt();
    }
}
