package io.planpulse.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpansTest {

    private static final Window PLAN = new Window("2021", "2025");

    private static Indicator indicator(IndicatorKind kind, Grain grain, Input input, Baseline baseline, Target target,
                                       Window window) {
        return new Indicator("X", "x", null, "u", null, kind, grain, Direction.UP, List.of("D"), false, BigDecimal.ONE,
                BigDecimal.ZERO, 30, null, input, null, baseline, target, kind == IndicatorKind.MILESTONE ? List.of("a") : null,
                null, null, window, null);
    }

    @Test
    void aLevelRunsFromItsBaselineToItsTarget() {
        Indicator level = indicator(IndicatorKind.LEVEL, Grain.QUARTER, null, new Baseline("2020", null),
                new Target("2025", null, null, BigDecimal.TEN), null);
        assertEquals("2020-Q4..2025-Q4", Spans.target(level).toString());
        assertEquals(21, Spans.target(level).size());
        assertEquals(Spans.target(level), Spans.accepted(level, PLAN));
    }

    @Test
    void aYearTargetOnAMonthlyIndicatorCoversTheYear() {
        Indicator cumulative = indicator(IndicatorKind.CUMULATIVE, Grain.MONTH, null, null,
                new Target("2021", null, null, BigDecimal.TEN), null);
        assertEquals("2021-01..2021-12", Spans.target(cumulative).toString());
        assertEquals(12, Spans.target(cumulative).size());
    }

    @Test
    void growthFromAmountsAcceptsTheYearBefore() {
        Indicator growth = indicator(IndicatorKind.GROWTH, Grain.YEAR, Input.AMOUNT, null,
                new Target("2021", null, null, BigDecimal.TEN), null);
        assertEquals("2021..2021", Spans.target(growth).toString());
        assertEquals("2020..2021", Spans.accepted(growth, PLAN).toString());
        Indicator average = indicator(IndicatorKind.AVERAGE_GROWTH, Grain.YEAR, Input.AMOUNT, null,
                new Target(null, "2021", "2025", BigDecimal.TEN), null);
        assertEquals("2020..2025", Spans.accepted(average, PLAN).toString());
    }

    @Test
    void aMilestoneAcceptsThePlanWindowUpToItsDueDate() {
        Indicator milestone = indicator(IndicatorKind.MILESTONE, Grain.MONTH, null, null,
                new Target("2021-12", null, null, null), null);
        assertEquals("2021-12..2021-12", Spans.target(milestone).toString());
        assertEquals("2021-01..2025-12", Spans.accepted(milestone, PLAN).toString());
    }

    @Test
    void aSeriesRunsOverItsWindow() {
        Indicator series = indicator(IndicatorKind.SERIES, Grain.HALF, null, null, null, new Window("2021", "2022-H1"));
        assertEquals("2021-H1..2022-H1", Spans.target(series).toString());
        assertEquals(List.of("2021-H1", "2021-H2", "2022-H1"),
                Spans.target(series).periods().stream().map(Period::toString).toList());
    }
}
