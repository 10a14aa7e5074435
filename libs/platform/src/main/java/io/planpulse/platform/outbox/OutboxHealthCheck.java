package io.planpulse.platform.outbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports the outbox at {@code /q/health/well}: how many events wait and how old the oldest is.
 * DOWN when the oldest has waited longer than {@code planpulse.outbox.max-age} (Kafka unreachable
 * for that long); a wellness check, since neither a restart nor holding traffic back would help.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxStats stats;
    private final OutboxConfig config;

    public OutboxHealthCheck(OutboxStats stats, OutboxConfig config) {
        this.stats = stats;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox")
                .withData("relayEnabled", config.relayEnabled());
        if (stats.observedAt() == null) {
            return response.up().withData("pending", "not observed yet").build();
        }
        Duration oldest = Duration.ofMillis(stats.oldestAgeMillis());
        return response.status(oldest.compareTo(config.maxAge()) <= 0)
                .withData("pending", stats.pending())
                .withData("oldestAgeSeconds", oldest.toSeconds())
                .withData("observedAt", stats.observedAt().toString())
                .build();
    }
}
