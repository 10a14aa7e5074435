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
 * Readiness: DOWN until the service's consumer group has applied (committed) the records that the
 * topics of {@link ConsumedTopics#readBeforeReady()} held when the check first looked.
 * indicators-service refuses a report for an indicator it has not read as UNKNOWN_INDICATOR, so
 * before it has read the plans it must not be sent reports.
 *
 * <p>A group that has never committed on a partition with records (a new database, a new
 * environment) must read all of them. A group that has read before needs to be no further behind
 * than {@link ConsumedTopics#maxLag()}: its database holds what it committed, and the few records
 * since are ordinary lag. That matters after a crash: the dead instance still holds the partitions
 * until its session times out (45 s), so its successor could commit nothing meanwhile, yet it knows
 * every plan but the last changes. Once UP the check stays UP; later lag is {@link ConsumerLagCheck}'s.
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
            Map<TopicPartition, Long> committed = offsets.committed(topics.groupId());
            Map<String, Long> behind = GroupOffsets.behind(ends, committed);
            long total = behind.values().stream().mapToLong(Long::longValue).sum();
            boolean readBefore = ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.containsKey(e.getKey()));
            caughtUp = total == 0 || readBefore && total <= topics.maxLag();
            behind.forEach(response::withData);
            return response.status(caughtUp).withData("group", topics.groupId()).withData("readBefore", readBefore)
                    .build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
