package io.planpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the services have applied everything on their input topics (their consumer groups
 * have committed up to each partition's end), so that no scenario measures the backlog of the one
 * before it.
 */
final class Quiet {

    /** The services' groups and the topics each reads. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "indicators-service", List.of("plan.targets.v1"),
            "reporting-service", List.of("plan.targets.v1", "indicator.reports.v1"));

    private Quiet() {
    }

    /** How long it took until the services' groups' lag was zero twice in a row; fails after {@code max}. */
    static Duration await(Settings s, Duration max) throws Exception {
        return await(s, GROUPS, max);
    }

    /** How long it took until these groups' lag on their topics was zero twice in a row; fails after {@code max}. */
    static Duration await(Settings s, Map<String, List<String>> groups, Duration max) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        long start = System.nanoTime();
        try (Admin admin = Admin.create(p)) {
            int quietChecks = 0;
            while (quietChecks < 2) {
                if (System.nanoTime() - start > max.toNanos()) {
                    throw new IllegalStateException("the services did not catch up with their topics within " + max);
                }
                quietChecks = lag(admin, groups) == 0 ? quietChecks + 1 : 0;
                Thread.sleep(500);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The records these groups have not yet committed, over every partition of their topics: a
     * partition the group has never committed counts whole (from its first offset to its end).
     */
    static long lag(Admin admin, Map<String, List<String>> groups) throws Exception {
        long lag = 0;
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(group.getValue()).allTopicNames().get().values().forEach(d -> d.partitions()
                    .forEach(info -> partitions.add(new TopicPartition(d.name(), info.partition()))));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get();
            var earliest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> OffsetSpec.earliest()))).all().get();
            var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> OffsetSpec.latest()))).all().get();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata done = committed.get(tp);
                long from = done == null ? earliest.get(tp).offset() : done.offset();
                lag += Math.max(0, ends.get(tp).offset() - from);
            }
        }
        return lag;
    }
}
