package io.planpulse.reporting.repository;

import io.planpulse.model.event.CloudEventHeaders;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What this service's topics hold now, read from the beginning to the end of each partition,
 * without a consumer group: of a compacted topic the last record of every key, of one kept for good
 * every record. A rebuild starts from it, so that it publishes nothing subscribers already hold,
 * continues every key's versions and restores what people wrote (the rounds, the explanations).
 */
@ApplicationScoped
public class PublishedTopics {

    /** A key's last record: its document (null: a tombstone) and the version its header carries. */
    public record Last(String key, byte[] payload, int version) {
    }

    /** Where a record sits. */
    private record Position(int partition, long offset) {
    }

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final Map<String, Object> kafka;

    public PublishedTopics(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /**
     * Hands the last record of every key of the topic, as it ends now, to {@code sink}, in slices
     * of at most {@code slice} records, and returns how many it handed; a key whose last record is a
     * tombstone has none, unless {@code tombstones} (blocking; a worker thread's job). The topic is
     * read twice up to the same ends: first to note where each key's last record sits, then to hand
     * those records over. A
     * topic not yet compacted holds many documents per key, and a province's keys are tens of
     * thousands: so what is kept is a key and a position each, never the documents (those of
     * 40,000 keys did not fit the heap).
     */
    public long eachLast(String topic, int slice, boolean tombstones, Consumer<List<Last>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            Map<TopicPartition, Long> ends = assign(consumer, topic);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Map<String, Position> last = new HashMap<>();
            read(consumer, ends, deadline, record -> last.put(record.key(), position(record)));
            List<Last> pending = new ArrayList<>(slice);
            long[] handed = {0};
            read(consumer, ends, deadline, record -> {
                if ((tombstones || record.value() != null) && last.get(record.key()).equals(position(record))) {
                    pending.add(new Last(record.key(), record.value(), version(record)));
                    if (pending.size() == slice) {
                        handed[0] += hand(pending, sink);
                    }
                }
            });
            return handed[0] + hand(pending, sink);
        }
    }

    /** A record as written: its key, its {@code ce_type} and its payload. */
    public record Event(String key, String type, byte[] payload) {
    }

    /**
     * Hands every keyed record of the topic, as it ends now, to {@code sink} in slices of at most
     * {@code slice}, each key's in the order they were written (a topic kept for good, whose every
     * record counts), and returns how many it handed (blocking; a worker thread's job).
     */
    public long each(String topic, int slice, Consumer<List<Event>> sink) {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            Map<TopicPartition, Long> ends = assign(consumer, topic);
            List<Event> pending = new ArrayList<>(slice);
            long[] handed = {0};
            read(consumer, ends, System.nanoTime() + PATIENCE.toNanos(), record -> {
                Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                pending.add(new Event(record.key(), type == null ? null
                        : new String(type.value(), StandardCharsets.UTF_8), record.value()));
                if (pending.size() == slice) {
                    handed[0] += hand(pending, sink);
                }
            });
            return handed[0] + hand(pending, sink);
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-rebuild-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of the topic and answers where each ends now. */
    private static Map<TopicPartition, Long> assign(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        return consumer.endOffsets(partitions);
    }

    /** Every keyed record of the assigned partitions from their beginning up to {@code ends}, in each partition's order. */
    private static void read(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends, long deadline,
                             Consumer<ConsumerRecord<String, byte[]>> each) {
        consumer.seekToBeginning(ends.keySet());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(ends.keySet() + " were not read to their ends within " + PATIENCE);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.key() != null && record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
    }

    private static Position position(ConsumerRecord<String, byte[]> record) {
        return new Position(record.partition(), record.offset());
    }

    private static <T> int hand(List<T> pending, Consumer<List<T>> sink) {
        int n = pending.size();
        if (n > 0) {
            sink.accept(List.copyOf(pending));
            pending.clear();
        }
        return n;
    }

    private static int version(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.VERSION);
        return header == null ? 0 : Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
    }
}
