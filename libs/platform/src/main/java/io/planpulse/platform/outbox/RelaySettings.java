package io.planpulse.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a relay worker needs: the service it speaks for, the database (a connection of its own,
 * which holds the advisory lock), the Kafka client settings, the topics to create, and its pacing.
 */
public record RelaySettings(
        String service,
        String jdbcUrl,
        String username,
        String password,
        Map<String, Object> kafka,
        List<TopicSpec> topics,
        long lockKey,
        int batchSize,
        Duration pollInterval,
        int partitions,
        short replicationFactor) {

    public RelaySettings {
        kafka = Map.copyOf(kafka);
        topics = List.copyOf(topics);
    }
}
