package io.planpulse.indicators.testing;

import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.plan.Indicator;
import io.planpulse.testing.EventPublisher;
import java.time.Instant;
import java.util.List;

/** The test catalogue as targets-service would publish it. */
public final class TestPlanEvents {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private TestPlanEvents() {
    }

    public static void publishTestCatalogue(EventPublisher publisher, int version) {
        publisher.plan(new PlanDefined(TestCatalogue.PLAN, version, "测试规划", null, TestCatalogue.WINDOW, "Asia/Shanghai",
                TestCatalogue.DEPARTMENTS, TestCatalogue.NODES, TestCatalogue.ALL.stream().map(Indicator::id).toList(), null), AT);
        TestCatalogue.ALL.forEach(i -> indicator(publisher, i, version));
    }

    public static void indicator(EventPublisher publisher, Indicator indicator, int version) {
        publisher.indicator(new IndicatorDefined(indicator.id(), version, TestCatalogue.PLAN, "Asia/Shanghai",
                List.of("all"), indicator), AT);
    }
}
