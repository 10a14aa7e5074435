package io.planpulse.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN until the service's consumer group has applied (committed) every record that the
 * topics of {@link ConsumedTopics#readBeforeReady()} held when the check first looked.
 * indicators-service refuses a report for an indicator it has not read as UNKNOWN_INDICATOR, so
 * before it has read the plans it must not be sent reports. Once caught up the check stays UP:
 * what arrives later is ordinary lag ({@link ConsumerLagCheck}), no reason to take the instance out
 * of the balancer. A second instance of a group that has already read everything is ready at once.
 */
@Readiness
@ApplicationScoped
public class CaughtUpCheck implements HealthCheck {

    private final Instance<ConsumedTopics> consumed;
    private final GroupOffsets offsets;
    private volatile Map<TopicPartition, Long> endsWhenFirstAsked;
    private volatile boolean caughtUp;

    public CaughtUpCheck(Instance<ConsumedTopics> consumed, GroupOffsets offsets) {
        this.consumed = consumed;
        this.offsets = offsets;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("caught-up");
        if (caughtUp || !consumed.isResolvable() || consumed.get().readBeforeReady().isEmpty()) {
            return response.up().build();
        }
        ConsumedTopics topics = consumed.get();
        try {
            Map<TopicPartition, Long> ends = endsWhenFirstAsked;
            if (ends == null) {
                ends = offsets.ends(topics.readBeforeReady());
                endsWhenFirstAsked = ends;
            }
            Map<String, Long> behind = GroupOffsets.behind(ends, offsets.committed(topics.groupId()));
            long total = behind.values().stream().mapToLong(Long::longValue).sum();
            caughtUp = total == 0;
            behind.forEach(response::withData);
            return response.status(caughtUp).withData("group", topics.groupId()).build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
