package io.planpulse.platform.outbox;

import java.time.Duration;
import java.util.Map;

/**
 * What a relay worker needs: the service it speaks for, the database (a connection of its own,
 * which holds the advisory lock), the Kafka client settings, and its pacing.
 */
public record RelaySettings(
        String service,
        String jdbcUrl,
        String username,
        String password,
        Map<String, Object> kafka,
        long lockKey,
        int batchSize,
        Duration pollInterval) {

    public RelaySettings {
        kafka = Map.copyOf(kafka);
    }
}
