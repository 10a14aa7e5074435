package io.planpulse.platform.consumer;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports at {@code /q/health/well} how many records of each consumed topic the service has not yet
 * applied (end offsets less the group's committed offsets); DOWN when it is more than allowed.
 */
@Wellness
@ApplicationScoped
public class ConsumerLagCheck implements HealthCheck {

    private final Instance<ConsumedTopics> consumed;
    private final GroupOffsets offsets;

    public ConsumerLagCheck(Instance<ConsumedTopics> consumed, GroupOffsets offsets) {
        this.consumed = consumed;
        this.offsets = offsets;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumer-lag");
        if (!consumed.isResolvable()) {
            return response.up().withData("consumes", "nothing").build();
        }
        ConsumedTopics topics = consumed.get();
        try {
            Map<String, Long> lag = GroupOffsets.behind(offsets.ends(topics.topics()), offsets.committed(topics.groupId()));
            topics.topics().forEach(t -> response.withData(t, lag.getOrDefault(t, 0L)));
            long total = lag.values().stream().mapToLong(Long::longValue).sum();
            return response.status(total <= topics.maxLag()).withData("group", topics.groupId())
                    .withData("total", total).build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
