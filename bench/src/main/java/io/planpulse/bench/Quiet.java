package io.planpulse.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the services have applied everything on their input topics (their consumer groups
 * have committed up to each partition's end), so that no scenario measures the backlog of the one
 * before it.
 */
final class Quiet {

    private static final List<String> GROUPS = List.of("indicators-service", "reporting-service");

    private Quiet() {
    }

    /** How long it took until the services' groups' lag was zero twice in a row; fails after {@code max}. */
    static Duration await(Settings s, Duration max) throws Exception {
        return await(s, GROUPS, max);
    }

    /** How long it took until these groups' lag was zero twice in a row; fails after {@code max}. */
    static Duration await(Settings s, List<String> groups, Duration max) throws Exception {
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

    /** The records these consumer groups have not yet committed, over all their partitions (-1: none committed yet). */
    private static long lag(Admin admin, List<String> groups) throws Exception {
        long lag = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                return -1;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                    .stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() != null) {
                    lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
        }
        return lag;
    }
}
