package io.planpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A planner changing targets while departments report: again and again, reads the plan, moves one
 * target value and puts the plan back with {@code If-Match}, retrying until answered (re-reading
 * the plan after a {@code 412}). Remembers the highest plan version it was told.
 */
final class Planner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Endpoints targetsService;
    private final String path;
    private final Tokens tokens;
    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicInteger acknowledgedVersion = new AtomicInteger();
    private final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile String refusal;
    private volatile boolean putting;
    private Thread thread;

    Planner(Endpoints targetsService, Tokens tokens, String planId) {
        this.targetsService = targetsService;
        this.path = "/api/v1/plans/" + planId;
        this.tokens = tokens;
    }

    void start(Duration pause) {
        running = true;
        Random random = new Random(42);
        thread = new Thread(() -> {
            while (running) {
                change(random);
                sleep(pause.toMillis());
            }
        }, "planner");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(Duration.ofMinutes(2).toMillis());
    }

    /** Changes acknowledged (each a new version of the plan). */
    int changes() {
        return changes.get();
    }

    /** The highest plan version a PUT was answered with. */
    int acknowledgedVersion() {
        return acknowledgedVersion.get();
    }

    /** How the plan changes were answered, by status. */
    Map<Integer, Long> statuses() {
        return Map.copyOf(statuses);
    }

    /** Waits until a change is on its way to targets-service (its PUT sent, not answered); false after {@code max}. */
    boolean awaitChangeUnderWay(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!putting) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(0, 200_000);
        }
        return true;
    }

    /** Why a change was refused, if one was (a valid change must never be); null if none. */
    String refusal() {
        return refusal;
    }

    /** One change, retried (and the plan read again) until a PUT is answered 200/201, or the run ends. */
    private void change(Random random) {
        while (running) {
            try {
                HttpResponse<byte[]> current = http.send(request("").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (current.statusCode() != 200) {
                    sleep(500);
                    continue;
                }
                ObjectNode plan = (ObjectNode) JSON.readTree(current.body());
                String etag = plan.get("meta").get("etag").asText();
                plan.remove("meta");
                for (JsonNode indicator : plan.get("indicators")) {
                    if (indicator.get("id").asText().equals("GDP-TOTAL")) {
                        ((ObjectNode) indicator.get("target")).put("value", 6000 + random.nextInt(1000));
                    }
                }
                HttpResponse<byte[]> put;
                putting = true;
                try {
                    put = http.send(request("?reason=chaos").header("If-Match", etag)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(plan))).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                } finally {
                    putting = false;
                }
                statuses.merge(put.statusCode(), 1L, Long::sum);
                if (put.statusCode() == 200 || put.statusCode() == 201) {
                    changes.incrementAndGet();
                    acknowledgedVersion.accumulateAndGet(JSON.readTree(put.body()).get("meta").get("version").asInt(),
                            Math::max);
                    return;
                }
                if (put.statusCode() < 500 && put.statusCode() != 412 && put.statusCode() != 409
                        && put.statusCode() != 429) {
                    refusal = put.statusCode() + " " + new String(put.body(), java.nio.charset.StandardCharsets.UTF_8);
                    running = false;
                    return;
                }
            } catch (IOException e) {
                // the service is down or the connection broke: read the plan again and retry
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(500);
        }
    }

    /** A request to the plan, with this query, at the next instance of targets-service. */
    private HttpRequest.Builder request(String query) {
        return HttpRequest.newBuilder(URI.create(targetsService.next() + path + query)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokens.token("planner", "DRC"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
