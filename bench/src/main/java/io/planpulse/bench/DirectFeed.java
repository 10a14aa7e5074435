package io.planpulse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sustained apply: reports produced straight onto indicator.reports.v1, as indicators-service
 * publishes them, at a fixed rate, each the next indicator of the set in turn (every report another
 * indicator), so that reporting-service's apply is measured without ingestion's speed capping it.
 *
 * <p>The reports are for indicators nothing else reports (the apply set of plans, {@code prov-a*}),
 * numbered on from the revisions reporting-service already holds for them: indicators-service never
 * sees them, so none of its own revisions can collide with one of these, and no other scenario
 * follows these indicators. Each report's lag runs from the broker's acknowledgement (it is on the
 * topic) to the first progress document on indicator.progress.v1 that used its revision.
 */
final class DirectFeed {

    /**
     * The run: what was offered and produced, for how long, the lag of each report, and the rate at
     * which their progress appeared (the reports seen, over the time from the first send to the last
     * one seen).
     */
    record Result(double offeredPerSecond, long produced, Duration took, Histogram lagMicros, double appliedPerSecond) {

        double producedPerSecond() {
            return produced / (took.toNanos() / 1e9);
        }
    }

    private static final String TOPIC = "indicator.reports.v1";
    /** reporting-service's database, as the launcher names it. */
    private static final String REPORTING_DATABASE = "reporting";

    private DirectFeed() {
    }

    /**
     * Produces {@code total} reports at {@code perSecond} (open loop) and waits up to {@code wait}
     * after the last for their progress.
     */
    static Result run(Settings s, ProvincePlan plan, double perSecond, long total, Duration wait) throws Exception {
        List<ProvincePlan.Target> targets = plan.targets;
        Map<String, Integer> revisions = heads(s, targets);
        Freshness lag = new Freshness();
        AtomicLong failed = new AtomicLong();
        AtomicLong values = new AtomicLong(System.currentTimeMillis() % 1_000_000);
        long produced = 0;
        long start;
        long end;
        try (ProgressWatcher watcher = new ProgressWatcher(s);
                KafkaProducer<String, byte[]> producer = producer(s)) {
            start = System.nanoTime();
            double intervalNanos = 1e9 / perSecond;
            for (long i = 0; i < total; i++) {
                long intended = start + (long) (i * intervalNanos);
                long ahead = intended - System.nanoTime();
                if (ahead > 200_000) {
                    LockSupport.parkNanos(ahead);
                }
                ProvincePlan.Target t = targets.get((int) (i % targets.size()));
                int revision = revisions.merge(key(t), 1, Integer::sum);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, t.indicatorId(),
                        report(t, revision, values.incrementAndGet()));
                headers(record, revision);
                producer.send(record, (metadata, e) -> {
                    if (e == null) {
                        lag.acknowledged(t.indicatorId(), revision, System.nanoTime());
                    } else {
                        failed.incrementAndGet();
                    }
                });
                produced++;
            }
            producer.flush();
            end = System.nanoTime();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " reports were not produced");
            }
            Histogram measured = lag.measure(watcher::seenAt, wait);
            long seen = 0;
            long lastSeen = start;
            for (Freshness.Ack a : lag.acks()) {
                Long at = watcher.seenAt(a.indicatorId(), a.revision());
                if (at != null) {
                    seen++;
                    lastSeen = Math.max(lastSeen, at);
                }
            }
            double applied = seen / ((lastSeen - start) / 1e9);
            return new Result(perSecond, produced, Duration.ofNanos(end - start), measured, applied);
        }
    }

    private static String key(ProvincePlan.Target t) {
        return t.indicatorId() + "\u0000" + t.period();
    }

    /** The highest revision reporting-service holds of each target's period (0 where none). */
    private static Map<String, Integer> heads(Settings s, List<ProvincePlan.Target> targets) throws Exception {
        Map<String, Integer> heads = new HashMap<>();
        targets.forEach(t -> heads.put(key(t), 0));
        try (Connection c = DriverManager.getConnection(s.pgUrl(REPORTING_DATABASE), s.pgUser(), s.pgPassword());
                PreparedStatement q = c.prepareStatement(
                        "select indicator_id, period, max(revision) from revision where indicator_id = any(?) "
                                + "group by indicator_id, period")) {
            q.setArray(1, c.createArrayOf("text", targets.stream().map(ProvincePlan.Target::indicatorId).toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\u0000" + rs.getString(2);
                    if (heads.containsKey(key)) {
                        heads.put(key, rs.getInt(3));
                    }
                }
            }
        }
        return heads;
    }

    private static byte[] report(ProvincePlan.Target t, int revision, long value) {
        ObjectNode r = Api.JSON.createObjectNode();
        r.put("indicatorId", t.indicatorId());
        r.put("period", t.period());
        r.put("revision", revision);
        r.put("value", BigDecimal.valueOf(500_000 + value % 1_000_000, 4));
        r.put("provisional", false);
        r.put("withdrawn", false);
        r.put("source", "基准测试（直接写入）");
        r.putObject("reportedBy").put("dept", "BENCH").put("subject", "bench");
        r.put("receivedAt", Instant.now().toString());
        try {
            return Api.JSON.writeValueAsBytes(r);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CloudEvents headers indicators-service's relay sets. */
    private static void headers(ProducerRecord<String, byte[]> record, int revision) {
        headers(record, "planpulse.report.accepted", revision);
    }

    /** The CloudEvents headers the services' relays set on a record of this type and version. */
    static void headers(ProducerRecord<String, byte[]> record, String type, int version) {
        String[][] headers = {
                {"ce_specversion", "1.0"}, {"ce_id", UUID.randomUUID().toString()},
                {"ce_source", "/planpulse/bench"}, {"ce_type", type},
                {"ce_time", Instant.now().toString()}, {"ce_subject", record.key()},
                {"content-type", "application/json"}, {"version", Integer.toString(version)}};
        for (String[] h : headers) {
            record.headers().add(h[0], h[1].getBytes(StandardCharsets.UTF_8));
        }
    }

    private static KafkaProducer<String, byte[]> producer(Settings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
