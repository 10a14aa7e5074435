package io.planpulse.targets.messaging;

import io.planpulse.model.event.Topics;
import io.planpulse.platform.outbox.PublishedTopics;
import io.planpulse.platform.outbox.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/** targets-service publishes plan.targets.v1, compacted: the latest definition of every indicator and plan. */
@ApplicationScoped
public class TargetsTopics {

    @Produces
    @Singleton
    PublishedTopics publishedTopics() {
        return new PublishedTopics(List.of(new TopicSpec(Topics.PLAN_TARGETS,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
    }
}
