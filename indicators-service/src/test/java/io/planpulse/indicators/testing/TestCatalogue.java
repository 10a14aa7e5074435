package io.planpulse.indicators.testing;

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
import java.math.BigDecimal;
import java.util.List;

/**
 * The plan the indicators-service tests report against: one indicator of each shape that matters
 * to ingestion. The clock of the tests is 2026-03-15.
 */
public final class TestCatalogue {

    public static final String PLAN = "ingest-test";
    public static final Window WINDOW = new Window("2021", "2025");

    private TestCatalogue() {
    }

    static Indicator indicator(String id, IndicatorKind kind, Grain grain, List<String> owners, Basis basis,
                               Input input, Baseline baseline, Target target, List<String> stages,
                               String benchmark, String subject, Window window) {
        return new Indicator(id, "测试" + id, null, kind == IndicatorKind.MILESTONE ? null : "单位", null, kind, grain,
                Direction.UP, owners, false, BigDecimal.ONE, kind.defaultRiskBand(), grain.defaultDueDays(), basis, input,
                kind == IndicatorKind.LEVEL ? Trajectory.COMPOUND : null, baseline, target, stages, benchmark, subject,
                window, null);
    }

    /** Monthly flow summed over 2021 (owners TRANSPORT, FTZ). */
    public static final Indicator TRAINS = indicator("T-TRAINS", IndicatorKind.CUMULATIVE, Grain.MONTH,
            List.of("TRANSPORT", "FTZ"), Basis.PERIOD, null, null, new Target("2021", null, null, new BigDecimal("1500")),
            null, null, null, null);

    /** Monthly year-to-date amount in 2021 (owner PBOC). */
    public static final Indicator FX = indicator("T-FX", IndicatorKind.CUMULATIVE, Grain.MONTH, List.of("PBOC"),
            Basis.YTD, null, null, new Target("2021", null, null, new BigDecimal("200")), null, null, null, null);

    /** Yearly growth in 2021 derived from amounts, so 2020 is accepted too (owner MARKET). */
    public static final Indicator FIRMS = indicator("T-FIRMS", IndicatorKind.GROWTH, Grain.YEAR, List.of("MARKET"),
            Basis.PERIOD, Input.AMOUNT, null, new Target("2021", null, null, BigDecimal.ZERO), null, null, null, null);

    /** Three stages due 2021-12 (owner FTZ). */
    public static final Indicator DEPOT = indicator("T-DEPOT", IndicatorKind.MILESTONE, Grain.MONTH, List.of("FTZ"),
            null, null, null, new Target("2021-12", null, null, null), List.of("申请", "获批", "开库"), null, null, null);

    /** A yearly level from 2020 to 2025 (owner STATS). */
    public static final Indicator GDP = indicator("T-GDP", IndicatorKind.LEVEL, Grain.YEAR, List.of("STATS"), null,
            null, new Baseline("2020", null), new Target("2025", null, null, new BigDecimal("6600")), null, null, null, null);

    /** A yearly benchmark series up to 2027, so that 2027 lies in the future (owner STATS). */
    public static final Indicator PROV = indicator("T-PROV", IndicatorKind.SERIES, Grain.YEAR, List.of("STATS"), null,
            null, null, null, null, null, null, new Window("2021", "2027"));

    /** A yearly subject series (owner FTZ). */
    public static final Indicator SUBJECT = indicator("T-FTZ", IndicatorKind.SERIES, Grain.YEAR, List.of("FTZ"), null,
            null, null, null, null, null, null, new Window("2021", "2025"));

    /** Computed from T-FTZ and T-PROV: not reportable (owner FTZ). */
    public static final Indicator RELATIVE = indicator("T-REL", IndicatorKind.RELATIVE, Grain.YEAR, List.of("FTZ"), null,
            null, null, new Target(null, "2021", "2025", new BigDecimal("2")), null, "T-PROV", "T-FTZ", null);

    /** A monthly growth reported as year-to-date rates (owner STATS). */
    public static final Indicator FAI = indicator("T-FAI", IndicatorKind.GROWTH, Grain.MONTH, List.of("STATS"),
            Basis.YTD, Input.RATE, null, new Target("2021", null, null, new BigDecimal("8")), null, null, null, null);

    public static final List<Indicator> ALL = List.of(TRAINS, FX, FIRMS, DEPOT, GDP, PROV, SUBJECT, RELATIVE, FAI);

    public static final List<Department> DEPARTMENTS = List.of(new Department("TRANSPORT", "市交通运输局", null),
            new Department("FTZ", "片区管委会", null), new Department("PBOC", "人民银行", null),
            new Department("MARKET", "市场监管局", null), new Department("STATS", "统计局", null));

    public static final List<PlanNode> NODES = List.of(new PlanNode("all", "全部", null,
            ALL.stream().map(Indicator::id).toList(), List.of()));
}
