package io.planpulse.model.event;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic as it is created everywhere (the local broker, the tests, the cluster's KafkaTopic
 * resources): its name, its partitions and its topic-level configuration, by Kafka's config names.
 * The replication factor is not here: it belongs to the cluster (1 locally, 3 in prod).
 */
public record Topic(String name, int partitions, Map<String, String> configs) {

    /** How long a compacted topic keeps a superseded record before compaction may remove it. */
    static final Duration COMPACTION_LAG = Duration.ofMinutes(1);

    public Topic {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
        configs = Map.copyOf(configs);
    }

    /** The latest record of every key, kept for good. */
    static Topic compacted(String name, int partitions) {
        return new Topic(name, partitions, ordered("cleanup.policy", "compact",
                "min.compaction.lag.ms", Long.toString(COMPACTION_LAG.toMillis())));
    }

    /** Every record, deleted once older than {@code retention}. */
    static Topic keptFor(String name, int partitions, Duration retention) {
        return new Topic(name, partitions, ordered("cleanup.policy", "delete",
                "retention.ms", Long.toString(retention.toMillis())));
    }

    /** Every record, never deleted (a source that consumers are rebuilt from). */
    static Topic keptForGood(String name, int partitions) {
        return new Topic(name, partitions, ordered("cleanup.policy", "delete", "retention.ms", "-1"));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
