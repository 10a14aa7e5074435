package io.planpulse.reporting.messaging;

import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.ConsumedTopics;
import io.planpulse.platform.outbox.PublishedTopics;
import io.planpulse.platform.outbox.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * reporting-service publishes indicator.progress.v1 and plan.rollups.v1 (compacted) and progress.alerts.v1, and creates
 * the topics it reads and their dead-letter topics when they are missing.
 */
@ApplicationScoped
public class ReportingTopics {

    private static final Map<String, String> COMPACT = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT);
    private static final Map<String, String> DELETE = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE);

    /** Health reports DOWN when more than this many records wait to be applied. */
    static final long MAX_LAG = 10_000;

    @Produces
    @Singleton
    ConsumedTopics consumedTopics(@ConfigProperty(name = "mp.messaging.incoming.indicator-reports.group.id") String group) {
        return new ConsumedTopics(group, List.of(Topics.PLAN_TARGETS, Topics.INDICATOR_REPORTS), MAX_LAG);
    }

    @Produces
    @Singleton
    PublishedTopics publishedTopics() {
        return new PublishedTopics(List.of(
                new TopicSpec(Topics.INDICATOR_PROGRESS, COMPACT),
                new TopicSpec(Topics.PROGRESS_ALERTS, DELETE),
                new TopicSpec(Topics.PLAN_ROLLUPS, COMPACT),
                new TopicSpec(Topics.PLAN_TARGETS, COMPACT),
                new TopicSpec(Topics.INDICATOR_REPORTS, DELETE),
                new TopicSpec(Topics.deadLetter(Topics.PLAN_TARGETS), DELETE),
                new TopicSpec(Topics.deadLetter(Topics.INDICATOR_REPORTS), DELETE)));
    }
}
