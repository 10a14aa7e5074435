package io.planpulse.reporting.testing;

import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.plan.Baseline;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Trajectory;
import io.planpulse.model.plan.Window;
import io.planpulse.testing.EventPublisher;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The plan reporting-service's tests feed it (plan rep-test, four indicators of four kinds) and its reports. */
public final class TestPlan {

    public static final Instant DEFINED = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant REPORTED = Instant.parse("2026-01-10T00:00:00Z");

    private TestPlan() {
    }

    public static Indicator indicator(String id, IndicatorKind kind, Grain grain, Basis basis, Input input,
                                       Trajectory trajectory, Baseline baseline, Target target, String benchmark,
                                       Window window) {
        return new Indicator(id, "指标" + id, null, "u", null, kind, grain, Direction.UP, List.of("STATS"), id.endsWith("GDP"),
                BigDecimal.ONE, kind.defaultRiskBand(), grain.defaultDueDays(), basis, input, trajectory, baseline, target,
                null, benchmark, null, window, null);
    }

    public static final Indicator TRAINS = indicator("R-TRAINS", IndicatorKind.CUMULATIVE, Grain.MONTH, Basis.PERIOD, null, null,
            null, new Target("2021", null, null, new BigDecimal("1500")), null, null);
    public static final Indicator GDP = indicator("R-GDP", IndicatorKind.LEVEL, Grain.YEAR, null, null, Trajectory.COMPOUND,
            new Baseline("2020", new BigDecimal("4700")), new Target("2025", null, null, new BigDecimal("6600")), null, null);
    public static final Indicator PROV = indicator("R-PROV", IndicatorKind.SERIES, Grain.YEAR, null, null, null, null, null, null,
            new Window("2021", "2025"));
    public static final Indicator REL = indicator("R-REL", IndicatorKind.RELATIVE, Grain.YEAR, null, null, null, null,
            new Target(null, "2021", "2025", new BigDecimal("2")), "R-PROV", null);

    public static void publishPlan(EventPublisher publisher) {
        publisher.plan(new PlanDefined("rep-test", 1, "报告测试", "Reporting test", new Window("2021", "2025"),
                "Asia/Shanghai", List.of(new Department("STATS", "统计局", null)),
                List.of(new PlanNode("economy", "经济", "Economy", List.of("R-GDP", "R-TRAINS"),
                        List.of(new PlanNode("relative", "对标", null, List.of("R-REL"), List.of()))),
                        new PlanNode("benchmarks", "基准", null, List.of("R-PROV"), List.of())),
                List.of("R-TRAINS", "R-GDP", "R-PROV", "R-REL"), null), DEFINED);
        for (Indicator i : List.of(TRAINS, GDP, PROV, REL)) {
            publisher.indicator(new IndicatorDefined(i.id(), 1, "rep-test", "Asia/Shanghai", List.of("economy"), i), DEFINED);
        }
    }

    public static ReportAccepted report(String id, String period, int revision, String value, Instant at) {
        return new ReportAccepted(id, period, revision, new BigDecimal(value), false, false, null, null, "月报",
                new ReportAccepted.ReportedBy("STATS", "reporter-stats"), at, null);
    }
}
