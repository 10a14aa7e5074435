package io.planpulse.reporting.messaging;

import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.ConsumedTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What reporting-service reads, and how far behind it may fall (the topics themselves: libs/model Topics). */
@ApplicationScoped
public class ReportingTopics {

    /** Health reports DOWN when more than this many records wait to be applied. */
    static final long MAX_LAG = 10_000;

    @Produces
    @Singleton
    ConsumedTopics consumedTopics(@ConfigProperty(name = "mp.messaging.incoming.indicator-reports.group.id") String group) {
        return new ConsumedTopics(group, List.of(Topics.PLAN_TARGETS, Topics.INDICATOR_REPORTS), MAX_LAG, List.of());
    }
}
