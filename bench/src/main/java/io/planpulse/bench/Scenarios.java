package io.planpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** The load: the province plan loaded, then reports through indicators-service's public API. */
final class Scenarios {

    /** Batch ingestion at one offered rate: what was accepted, how batches fared, the freshness of their rows' progress. */
    record Batches(double offeredPerSecond, double acceptedPerSecond, OpenLoop.Result batches, Histogram freshnessMicros) {
    }

    /** Single reports at one offered rate, and (when measured) the freshness of their progress. */
    record Singles(double offeredPerSecond, OpenLoop.Result result, Histogram freshnessMicros) {
    }

    /**
     * The connections the load's clients keep open together; more requests wait in the client's queue
     * (and count their wait). Four times indicators-service's in-flight limit (64), so that load beyond
     * its capacity still reaches it and is shed, as it would be from many department systems, without
     * a connection per waiting request.
     */
    static final int CONNECTIONS = 256;
    /** How long after the last intended start answers are awaited. */
    static final Duration DRAIN = Duration.ofSeconds(60);
    /** How long a report's progress is awaited before it counts as never seen. */
    static final Duration FRESHNESS_WAIT = Duration.ofMinutes(2);

    /** indicators-service's database, as the launcher names it. */
    private static final String INDICATORS_DATABASE = "indicators";

    private final Settings s;
    private final Api api;
    private final ProvincePlan plan;
    private final AtomicLong values = new AtomicLong(System.currentTimeMillis() % 1_000_000);

    Scenarios(Settings s, Api api, ProvincePlan plan) {
        this.s = s;
        this.api = api;
        this.plan = plan;
    }

    /**
     * PUTs every city's plan of the set ({@link ProvincePlan}) and waits until reporting-service
     * knows the last indicator.
     */
    static ProvincePlan load(Settings s, Api api, char set) throws Exception {
        ProvincePlan plan = new ProvincePlan(api.get(s.targets(), "/api/v1/plans/fyp14"), set, s.cities(), 200);
        for (ObjectNode city : plan.plans) {
            api.put(s.targets(), "/api/v1/plans/" + city.path("id").asText() + "?reason=benchmark", city);
        }
        String last = plan.targets.get(plan.targets.size() - 1).indicatorId();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (api.status(s.reporting(), "/api/v1/progress/indicators/" + last) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reporting-service did not learn the province plan within 10 minutes");
            }
            Thread.sleep(500);
        }
        return plan;
    }

    private ObjectNode row(ProvincePlan.Target t) {
        ObjectNode row = Api.JSON.createObjectNode();
        row.put("indicatorId", t.indicatorId());
        row.put("period", t.period());
        // a new value each time (each report a new revision), 50.0000 to 149.9999, as a decimal: a sum of doubles
        // would carry more digits than a value may have (VALUE_INVALID)
        row.put("value", BigDecimal.valueOf(500_000 + values.incrementAndGet() % 1_000_000, 4));
        row.put("source", "基准测试");
        return row;
    }

    /**
     * Batches of 500 at a fixed offered rate of reports per second, and the freshness of each row
     * stored: a batch's summary counts its rows but names no revision, so each row carries a note
     * of its own, and the revisions are read by those notes from indicators-service's store once
     * the step is over.
     */
    Batches batches(double reportsPerSecond, Duration duration, ProgressWatcher watcher) throws Exception {
        int size = 500;
        List<ProvincePlan.Target> targets = plan.targets;
        AtomicLong accepted = new AtomicLong();
        String step = "bench " + System.currentTimeMillis() + " ";
        Map<Long, Long> acknowledgedAt = new ConcurrentHashMap<>();
        OpenLoop.Result result = OpenLoop.run(reportsPerSecond / size, duration, CONNECTIONS, DRAIN, i -> {
            ObjectNode body = Api.JSON.createObjectNode();
            ArrayNode rows = body.putArray("reports");
            for (int r = 0; r < size; r++) {
                rows.add(row(targets.get((int) ((i * size + r) % targets.size()))).put("note", step + i));
            }
            return api.post(s.indicators(), "/api/v1/reports/batch", bytes(body)).thenApply(response -> {
                if (response.statusCode() == 200) {
                    acknowledgedAt.put(i, System.nanoTime());
                    JsonNode summary = read(response);
                    accepted.addAndGet(summary.path("created").asLong() + summary.path("revised").asLong());
                }
                return response.statusCode();
            });
        });
        Freshness freshness = new Freshness();
        try (Connection c = DriverManager.getConnection(s.pgUrl(INDICATORS_DATABASE), s.pgUser(), s.pgPassword());
                PreparedStatement q = c.prepareStatement(
                "select indicator_id, revision, note from report_revision where note like ?")) {
            c.setAutoCommit(false); // so that the driver streams the rows (millions in the long step) in pages
            q.setFetchSize(10_000);
            q.setString(1, step + "%");
            try (ResultSet stored = q.executeQuery()) {
                while (stored.next()) {
                    Long at = acknowledgedAt.get(Long.parseLong(stored.getString(3).substring(step.length())));
                    if (at != null) { // a batch answered otherwise (a 503 after its commit) was not acknowledged
                        freshness.acknowledged(stored.getString(1), stored.getInt(2), at);
                    }
                }
            }
        }
        return new Batches(reportsPerSecond, accepted.get() / (result.took().toNanos() / 1e9), result,
                freshness.measure(watcher::seenAt, FRESHNESS_WAIT));
    }

    /** Single reports at a fixed offered rate, and the freshness of each acknowledged one. */
    Singles singles(double perSecond, Duration duration, ProgressWatcher watcher) throws Exception {
        List<ProvincePlan.Target> targets = plan.targets;
        Freshness freshness = new Freshness();
        OpenLoop.Result result = OpenLoop.run(perSecond, duration, CONNECTIONS, DRAIN, i -> {
            ProvincePlan.Target t = targets.get((int) ((i * 7919) % targets.size()));
            return api.post(s.indicators(), "/api/v1/reports", bytes(row(t))).thenApply(response -> {
                if (response.statusCode() == 201) { // 200: unchanged, no new revision to follow
                    freshness.acknowledged(t.indicatorId(), read(response).path("revision").asInt(), System.nanoTime());
                }
                return response.statusCode();
            });
        });
        return new Singles(perSecond, result, freshness.measure(watcher::seenAt, FRESHNESS_WAIT));
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return Api.JSON.writeValueAsBytes(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return Api.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
