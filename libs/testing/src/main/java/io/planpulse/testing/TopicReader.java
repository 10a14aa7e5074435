package io.planpulse.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning, as a subscriber would, without joining a group. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private boolean assigned;

    public TopicReader(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads until {@code done} holds for everything read so far, or fails after {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> until(Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the expected records did not arrive on " + topic + " within " + timeout
                        + "; read: " + describe(records));
            }
            pollOnce();
        }
        return List.copyOf(records);
    }

    /** Everything that arrives within {@code window}: for checking that nothing (more) comes. */
    public List<ConsumerRecord<String, byte[]>> during(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
        return List.copyOf(records);
    }

    /** The records of one key, in the order they were written. */
    public static List<ConsumerRecord<String, byte[]>> ofKey(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key()))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static int version(ConsumerRecord<String, byte[]> record) {
        return Integer.parseInt(header(record, "version"));
    }

    private void pollOnce() {
        if (!assigned) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            if (partitions == null || partitions.isEmpty()) {
                sleep(200);
                return;
            }
            List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            assigned = true;
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }

    private static String describe(List<ConsumerRecord<String, byte[]>> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(r.key() + "@v" + header(r, "version")));
        return out.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
