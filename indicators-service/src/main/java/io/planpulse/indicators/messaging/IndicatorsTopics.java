package io.planpulse.indicators.messaging;

import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.ConsumedTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What indicators-service reads, how far behind it may fall, and that it is ready only once it has read
 * the plans there were when it started (the topics themselves: libs/model Topics).
 */
@ApplicationScoped
public class IndicatorsTopics {

    @Produces
    @Singleton
    ConsumedTopics consumedTopics(@ConfigProperty(name = "mp.messaging.incoming.plan-targets.group.id") String group) {
        return new ConsumedTopics(group, List.of(Topics.PLAN_TARGETS), 1_000, List.of(Topics.PLAN_TARGETS));
    }
}
