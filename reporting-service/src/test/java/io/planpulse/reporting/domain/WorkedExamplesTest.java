package io.planpulse.reporting.domain;

import static io.planpulse.reporting.domain.Fixtures.PLAN;
import static io.planpulse.reporting.domain.Fixtures.SHANGHAI;
import static io.planpulse.reporting.domain.Fixtures.averageGrowth;
import static io.planpulse.reporting.domain.Fixtures.compute;
import static io.planpulse.reporting.domain.Fixtures.cumulative;
import static io.planpulse.reporting.domain.Fixtures.growth;
import static io.planpulse.reporting.domain.Fixtures.level;
import static io.planpulse.reporting.domain.Fixtures.relative;
import static io.planpulse.reporting.domain.Fixtures.reports;
import static io.planpulse.reporting.domain.Fixtures.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Trajectory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of DESIGN §3, each number checked twice: against its exact formula to 1e-9,
 * and against the rounded figure the table prints.
 */
class WorkedExamplesTest {

    private static final double EXACT = 1e-9;

    /** The table prints six decimals (four for one forecast): it matches to half its last digit. */
    private static void table(double printed, Double actual, int decimals) {
        assertEquals(printed, actual, 0.5 * Math.pow(10, -decimals) + EXACT);
    }

    @Test
    void levelCompound() {
        // LEVEL COMPOUND, YEAR, B 2020 V0 4700, T 2025 V* 6600; 2022: 5400.
        Progress p = compute(level().trajectory(Trajectory.COMPOUND).baseline("2020", "4700").target("2025", "6600"),
                reports("2022=5400"), Instant.parse("2023-01-01T00:00:00Z"));
        double f = 0.4;
        double e = 4700 * Math.pow(6600.0 / 4700, f);
        assertEquals(e, p.expected(), EXACT);
        assertEquals((5400 - 4700) / 1900.0, p.progress(), EXACT);
        assertEquals((e - 4700) / 1900.0, p.expectedProgress(), EXACT);
        assertEquals((5400 - 4700) / 1900.0 - (e - 4700) / 1900.0, p.gap(), EXACT);
        assertEquals(4700 * Math.pow(5400.0 / 4700, 1 / f), p.forecast(), EXACT);
        assertEquals((Math.pow(6600.0 / 5400, 1.0 / 3) - 1) * 100, p.requiredRate(), EXACT);
        table(5383.643443, p.expected(), 6);
        table(0.368421, p.progress(), 6);
        table(0.359812, p.expectedProgress(), 6);
        table(0.008609, p.gap(), 6);
        table(6650.2445, p.forecast(), 4);
        table(6.917811, p.requiredRate(), 6);
        assertEquals(Status.ON_TRACK, p.status());
        // its sentence shows the numbers as people read them (DESIGN §7, "Numbers as shown")
        assertEquals("按复合增长轨迹，2022应达5,383.64（序时进度36.0%），实际5,400.00（进度36.8%），快于序时0.9个百分点；"
                + "目标2025年达6,600.00。", p.explanation().zh());
        assertEquals("2022", p.period());
        assertEquals(5400, p.actual(), EXACT);
        assertEquals(4700, p.baseline(), EXACT);
        assertEquals(true, p.forecastMeetsTarget());
        assertNull(p.requiredPerPeriod());
    }

    @Test
    void cumulativeByPeriod() {
        // CUMULATIVE PERIOD, MONTH, 2021, V* 1500; 2021-01 110, 02 95, 03 160.
        Progress p = compute(cumulative().grain(Grain.MONTH).target("2021", "1500"),
                reports("2021-01=110", "2021-02=95", "2021-03=160"));
        assertEquals(365, p.actual(), EXACT);
        assertEquals(0.25, p.expectedProgress(), EXACT);
        assertEquals(365 / 1500.0, p.progress(), EXACT);
        assertEquals(365 / 1500.0 - 0.25, p.gap(), EXACT);
        assertEquals(1460, p.forecast(), EXACT);
        assertEquals(375, p.expected(), EXACT);
        table(0.243333, p.progress(), 6);
        table(-0.006667, p.gap(), 6);
        assertEquals(Status.AT_RISK, p.status());
        assertEquals(List.of(), p.missingPeriods());
        assertEquals(false, p.forecastMeetsTarget());
        assertEquals((1500 - 365) / 9.0, p.requiredPerPeriod(), EXACT);
    }

    @Test
    void cumulativeYearToDate() {
        // CUMULATIVE YTD, MONTH, 2021, V* 200; 2021-03 48, 2021-06 101.
        Progress p = compute(cumulative().grain(Grain.MONTH).basis(Basis.YTD).target("2021", "200"),
                reports("2021-03=48", "2021-06=101"));
        assertEquals(101, p.actual(), EXACT);
        assertEquals(0.5, p.expectedProgress(), EXACT);
        assertEquals(0.505, p.progress(), EXACT);
        assertEquals(0.005, p.gap(), EXACT);
        assertEquals(202, p.forecast(), EXACT);
        assertEquals(Status.ON_TRACK, p.status());
        assertEquals("2021-06", p.period());
    }

    @Test
    void growthYearToDateRate() {
        // GROWTH YTD RATE, MONTH, 2021, V* 8; 2021-06 7.2.
        Progress p = compute(growth().grain(Grain.MONTH).basis(Basis.YTD).target("2021", "8"), reports("2021-06=7.2"));
        assertEquals(7.2, p.actual(), EXACT);
        assertEquals(-0.8, p.gap(), EXACT);
        assertEquals(Status.AT_RISK, p.status());
        assertNull(p.forecast());
        assertNull(p.progress());
    }

    @Test
    void averageGrowthFromRates() {
        // AVERAGE_GROWTH RATE, YEAR, 2021–2025, V* 6.5; 2021 9.8, 2022 3.9.
        Progress p = compute(averageGrowth().span("2021", "2025", "6.5"), reports("2021=9.8", "2022=3.9"));
        double product = 1.098 * 1.039;
        assertEquals((Math.sqrt(product) - 1) * 100, p.actual(), EXACT);
        assertEquals((Math.sqrt(product) - 1) * 100 - 6.5, p.gap(), EXACT);
        assertEquals((Math.pow(Math.pow(1.065, 5) / product, 1.0 / 3) - 1) * 100, p.requiredRate(), EXACT);
        table(6.809269, p.actual(), 6);
        table(0.309269, p.gap(), 6);
        table(6.294318, p.requiredRate(), 6);
        assertEquals(Status.ON_TRACK, p.status());
        assertEquals("2022", p.period());
        assertNull(p.forecast());
    }

    @Test
    void relativeAwaitingItsBenchmark() {
        // RELATIVE, YEAR, 2021–2025, margin 2; own 2021 10.5, 2022 6.0; benchmark 2021 8.5.
        Progress p = ProgressCalculator.compute(new ProgressInput(relative().benchmark("B").span("2021", "2025", "2").build(),
                reports("2021=10.5", "2022=6.0"), reports("2021=8.5"), List.of(), PLAN, SHANGHAI, Fixtures.LATER));
        assertEquals("2021", p.period());
        assertEquals(2.0, p.actual(), EXACT);
        assertEquals(0.0, p.gap(), EXACT);
        assertEquals(Status.ON_TRACK, p.status());
        assertTrue(p.awaitingBenchmark());
    }

    @Test
    void aSeriesHasNoTarget() {
        Progress p = compute(series().window("2021", "2025"), reports("2021=5.5", "2022=6.1"));
        assertEquals(Status.NO_TARGET, p.status());
        assertEquals("2022", p.period());
        assertEquals(6.1, p.actual(), EXACT);
        assertNull(p.gap());
    }

    @Test
    void theSeedPlansGdpTargets() {
        // GDP-TOTAL: LEVEL COMPOUND 2020 → 6600 in 2025, baseline reported; GDP-AVG-GROWTH: ≥ 6.5 % a year.
        Progress total = compute(level().trajectory(Trajectory.COMPOUND).baseline("2020", null).target("2025", "6600"),
                reports("2020=4703.9", "2021=5355.4", "2022=5562.5", "2023=5923.8"), Instant.parse("2024-05-01T00:00:00Z"));
        double f = 3 / 5.0;
        double e = 4703.9 * Math.pow(6600 / 4703.9, f);
        assertEquals(e, total.expected(), EXACT);
        assertEquals((5923.8 - 4703.9) / (6600 - 4703.9) - (e - 4703.9) / (6600 - 4703.9), total.gap(), EXACT);
        assertEquals(4703.9, total.baseline(), EXACT);
        assertEquals(Status.ON_TRACK, total.status());
        assertEquals((Math.pow(6600 / 5923.8, 1 / 2.0) - 1) * 100, total.requiredRate(), EXACT);

        Progress average = compute(averageGrowth().span("2021", "2025", "6.5"),
                reports("2021=9.8", "2022=3.9", "2023=5.8"), Instant.parse("2024-05-01T00:00:00Z"));
        double product = 1.098 * 1.039 * 1.058;
        assertEquals((Math.cbrt(product) - 1) * 100, average.actual(), EXACT);
        assertEquals(Status.AT_RISK, average.status());
        assertEquals((Math.pow(Math.pow(1.065, 5) / product, 1 / 2.0) - 1) * 100, average.requiredRate(), EXACT);
    }
}
