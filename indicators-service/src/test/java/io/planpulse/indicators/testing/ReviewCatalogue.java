package io.planpulse.indicators.testing;

import io.agroal.api.AgroalDataSource;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.plan.Baseline;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.model.plan.Target;
import io.planpulse.testing.EventPublisher;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A plan whose office (DRC) reviews every pushed value, beside the test catalogue that has no review. */
public final class ReviewCatalogue {

    public static final String PLAN = "review-test";
    public static final String OFFICE = "DRC";

    /** A yearly level owned by STATS. */
    public static final Indicator GDP = TestCatalogue.indicator("R-GDP", IndicatorKind.LEVEL, Grain.YEAR,
            List.of("STATS"), null, null, new Baseline("2020", null), new Target("2025", null, null,
                    new BigDecimal("6600")), null, null, null, null);

    /** A monthly flow owned by STATS, for a department's round. */
    public static final Indicator TRAINS = TestCatalogue.indicator("R-TRAINS", IndicatorKind.CUMULATIVE, Grain.MONTH,
            List.of("STATS"), Basis.PERIOD, null, null, new Target("2021", null, null, new BigDecimal("1500")), null,
            null, null, null);

    /** A yearly level the office reports itself. */
    public static final Indicator PROJECTS = TestCatalogue.indicator("R-PROJECTS", IndicatorKind.LEVEL, Grain.YEAR,
            List.of(OFFICE), null, null, new Baseline("2020", null), new Target("2025", null, null,
                    new BigDecimal("120")), null, null, null, null);

    public static final List<Indicator> ALL = List.of(GDP, TRAINS, PROJECTS);

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private ReviewCatalogue() {
    }

    /** Publishes the plan and waits until the service knows it, with its office. */
    public static void ensure(String bootstrapServers, AgroalDataSource db) {
        try (EventPublisher publisher = new EventPublisher(bootstrapServers)) {
            publisher.plan(new PlanDefined(PLAN, 1, "评审测试规划", null, TestCatalogue.WINDOW, "Asia/Shanghai",
                    List.of(new Department(OFFICE, "发改委", null), new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("all", "全部", null, ALL.stream().map(Indicator::id).toList(), List.of())),
                    ALL.stream().map(Indicator::id).toList(), new PlanSettings(OFFICE, true, 15)), AT);
            ALL.forEach(i -> publisher.indicator(new IndicatorDefined(i.id(), 1, PLAN, "Asia/Shanghai", List.of("all"), i),
                    AT));
        }
        Catalogue.await(db, "select count(*) from catalogue_indicator where plan_id = '" + PLAN + "'",
                n -> n == ALL.size(), Duration.ofSeconds(60));
        Catalogue.await(db, "select count(*) from catalogue_plan where plan_id = '" + PLAN + "' and review",
                n -> n == 1, Duration.ofSeconds(30));
    }
}
