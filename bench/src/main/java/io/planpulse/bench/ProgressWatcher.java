package io.planpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads indicator.progress.v1 from its end, as a subscriber would, and notes when each revision of
 * each indicator first showed in a progress document (by the revision the document used).
 */
final class ProgressWatcher implements AutoCloseable {

    private final Map<String, ConcurrentSkipListMap<Integer, Long>> seen = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressWatcher(Settings s) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "planpulse-bench-watch-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of("indicator.progress.v1"));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(200));
        }
        thread = new Thread(this::loop, "progress-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                if (r.value() == null) {
                    continue;
                }
                try {
                    JsonNode doc = Api.JSON.readTree(r.value());
                    if (doc.hasNonNull("revision")) {
                        seen.computeIfAbsent(r.key(), k -> new ConcurrentSkipListMap<>())
                                .putIfAbsent(doc.get("revision").asInt(), now);
                    }
                } catch (java.io.IOException e) {
                    // not a progress document: skip it
                }
            }
        }
        consumer.close();
    }

    /** When a progress document first used this revision of the indicator (or a later one); null if not yet. */
    Long seenAt(String indicatorId, int revision) {
        var revisions = seen.get(indicatorId);
        if (revisions == null) {
            return null;
        }
        var at = revisions.tailMap(revision).values();
        return at.stream().min(Long::compare).orElse(null);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
