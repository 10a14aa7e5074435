package io.planpulse.indicators.messaging;

import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.ConsumedTopics;
import io.planpulse.platform.outbox.PublishedTopics;
import io.planpulse.platform.outbox.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * indicators-service publishes indicator.reports.v1 (kept 90 days, so that a consumer can be rebuilt
 * from it), and creates the plan topic it reads and its dead-letter topic when they are missing.
 */
@ApplicationScoped
public class IndicatorsTopics {

    static final Duration REPORT_RETENTION = Duration.ofDays(90);

    @Produces
    @Singleton
    ConsumedTopics consumedTopics(@ConfigProperty(name = "mp.messaging.incoming.plan-targets.group.id") String group) {
        return new ConsumedTopics(group, List.of(Topics.PLAN_TARGETS), 1_000);
    }

    @Produces
    @Singleton
    PublishedTopics publishedTopics() {
        return new PublishedTopics(List.of(
                new TopicSpec(Topics.INDICATOR_REPORTS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(REPORT_RETENTION.toMillis()))),
                new TopicSpec(Topics.PLAN_TARGETS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new TopicSpec(Topics.deadLetter(Topics.PLAN_TARGETS), Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))));
    }
}
