package io.planpulse.platform.consumer;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker's view of a consumer group: where each partition of some topics ends, and how far the
 * group has committed. The health checks ask it (with short timeouts: a check must answer even when
 * the broker does not).
 */
@ApplicationScoped
public class GroupOffsets {

    private final Map<String, Object> kafka;
    private Admin admin;

    public GroupOffsets(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /** The end offset of every partition of these topics. */
    public Map<TopicPartition, Long> ends(List<String> topics) throws Exception {
        Admin client = admin();
        Map<String, TopicDescription> described = client.describeTopics(topics).allTopicNames().get(2, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        client.listOffsets(request).all().get(2, TimeUnit.SECONDS).forEach((p, end) -> ends.put(p, end.offset()));
        return ends;
    }

    /** The group's committed offset of every partition it has committed. */
    public Map<TopicPartition, Long> committed(String groupId) throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin().listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
        offsets.forEach((p, o) -> {
            if (o != null) {
                committed.put(p, o.offset());
            }
        });
        return committed;
    }

    /** Per topic, the records from the group's committed offsets to {@code ends} (a partition never committed: all). */
    public static Map<String, Long> behind(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
        Map<String, Long> behind = new HashMap<>();
        ends.forEach((partition, end) -> behind.merge(partition.topic(),
                Math.max(0, end - committed.getOrDefault(partition, 0L)), Long::sum));
        return behind;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
