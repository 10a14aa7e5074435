package io.planpulse.reporting.domain;

import static io.planpulse.reporting.domain.Fixtures.PLAN;
import static io.planpulse.reporting.domain.Fixtures.SHANGHAI;
import static io.planpulse.reporting.domain.Fixtures.averageGrowth;
import static io.planpulse.reporting.domain.Fixtures.compute;
import static io.planpulse.reporting.domain.Fixtures.cumulative;
import static io.planpulse.reporting.domain.Fixtures.growth;
import static io.planpulse.reporting.domain.Fixtures.level;
import static io.planpulse.reporting.domain.Fixtures.milestone;
import static io.planpulse.reporting.domain.Fixtures.relative;
import static io.planpulse.reporting.domain.Fixtures.reports;
import static io.planpulse.reporting.domain.Fixtures.threshold;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Trajectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of DESIGN §3 kind by kind, with their boundaries. */
class RulesTest {

    private static final double EXACT = 1e-9;

    @ParameterizedTest(name = "growth {0}% against 8% (risk band 1 pp) is {1}")
    @CsvSource({
            "8,            ON_TRACK",
            "7.9999999995, ON_TRACK",
            "7.999999998,  AT_RISK",
            "7,            AT_RISK",
            "6.9999999995, AT_RISK",
            "6.99999999,   OFF_TRACK",
            "9.5,          ON_TRACK"})
    void statusBoundariesAtZeroAtEpsilonAndAtMinusTheRiskBand(String value, Status status) {
        Progress p = compute(growth().grain(Grain.MONTH).basis(Basis.YTD).target("2021", "8"), reports("2021-06=" + value));
        assertEquals(status, p.status());
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("everyKindBothDirections")
    void everyKindInBothDirectionsAndEveryGrain(String name, Progress progress, Status status) {
        assertEquals(status, progress.status(), progress.explanation().en());
        assertNotNull(progress.explanation().zh());
    }

    static Stream<Arguments> everyKindBothDirections() {
        return Stream.of(
                // LEVEL, linear, by quarter: 100 → 200 from 2020-Q4 to 2021-Q4; 2021-Q2 is half way, expected 150.
                Arguments.of("level up on track", compute(level().grain(Grain.QUARTER).baseline("2020", "100")
                        .target("2021", "200"), reports("2021-Q2=160")), Status.ON_TRACK),
                Arguments.of("level up off track", compute(level().grain(Grain.QUARTER).baseline("2020", "100")
                        .target("2021", "200"), reports("2021-Q2=120")), Status.OFF_TRACK),
                Arguments.of("level up achieved early", compute(level().grain(Grain.QUARTER).baseline("2020", "100")
                        .target("2021", "200"), reports("2021-Q2=200")), Status.ACHIEVED),
                Arguments.of("level up missed", compute(level().grain(Grain.QUARTER).baseline("2020", "100")
                        .target("2021", "200"), reports("2021-Q4=199")), Status.MISSED),
                // LEVEL DOWN: energy use 100 → 80; progress is the share of the fall achieved.
                Arguments.of("level down on track", compute(level().down().grain(Grain.HALF).baseline("2020", "100")
                        .target("2022", "80"), reports("2021-H2=89")), Status.ON_TRACK),
                Arguments.of("level down at risk", compute(level().down().grain(Grain.HALF).baseline("2020", "100")
                        .target("2022", "80"), reports("2021-H2=91")), Status.AT_RISK),
                Arguments.of("level down achieved", compute(level().down().grain(Grain.HALF).baseline("2020", "100")
                        .target("2022", "80"), reports("2021-H1=79")), Status.ACHIEVED),
                // CUMULATIVE UP achieved before the end, DOWN budgets.
                Arguments.of("cumulative up achieved", compute(cumulative().grain(Grain.QUARTER).target("2021", "100"),
                        reports("2021-Q1=60", "2021-Q2=45")), Status.ACHIEVED),
                Arguments.of("cumulative up missed", compute(cumulative().grain(Grain.QUARTER).target("2021", "100"),
                        reports("2021-Q1=20", "2021-Q2=20", "2021-Q3=20", "2021-Q4=20")), Status.MISSED),
                Arguments.of("cumulative down within budget", compute(cumulative().down().grain(Grain.QUARTER)
                        .target("2021", "100"), reports("2021-Q1=20", "2021-Q2=20")), Status.ON_TRACK),
                Arguments.of("cumulative down over the pace", compute(cumulative().down().grain(Grain.QUARTER)
                        .target("2021", "100"), reports("2021-Q1=40", "2021-Q2=25")), Status.OFF_TRACK),
                Arguments.of("cumulative down over budget", compute(cumulative().down().grain(Grain.QUARTER)
                        .target("2021", "100"), reports("2021-Q1=101")), Status.MISSED),
                Arguments.of("cumulative down achieved", compute(cumulative().down().grain(Grain.QUARTER)
                        .target("2021", "100"), reports("2021-Q1=25", "2021-Q2=25", "2021-Q3=25", "2021-Q4=25")),
                        Status.ACHIEVED),
                // GROWTH yearly from amounts; DOWN rates (e.g. unemployment growth at most 1 %).
                Arguments.of("growth from amounts", compute(growth().input(Input.AMOUNT).target("2021", "15"),
                        reports("2020=100", "2021=116")), Status.ACHIEVED),
                Arguments.of("growth from amounts short", compute(growth().input(Input.AMOUNT).target("2021", "15"),
                        reports("2020=100", "2021=114.5")), Status.MISSED),
                Arguments.of("growth down", compute(growth().down().grain(Grain.HALF).basis(Basis.YTD).target("2021", "1"),
                        reports("2021-H1=1.5")), Status.AT_RISK),
                Arguments.of("growth down met", compute(growth().down().grain(Grain.HALF).basis(Basis.YTD).target("2021", "1"),
                        reports("2021-H1=0.5")), Status.ON_TRACK),
                // AVERAGE_GROWTH from amounts, over all years.
                Arguments.of("average growth achieved", compute(averageGrowth().input(Input.AMOUNT).span("2021", "2022", "5"),
                        reports("2020=100", "2021=106", "2022=111.3")), Status.ACHIEVED),
                Arguments.of("average growth down", compute(averageGrowth().down().span("2021", "2025", "3"),
                        reports("2021=4.5")), Status.OFF_TRACK),
                // THRESHOLD: keep within a bound every period.
                Arguments.of("threshold up kept", compute(threshold().grain(Grain.MONTH).span("2021-01", "2021-12", "90"),
                        reports("2021-01=92", "2021-02=95")), Status.ON_TRACK),
                Arguments.of("threshold up breached now", compute(threshold().grain(Grain.MONTH).span("2021-01", "2021-12", "90"),
                        reports("2021-01=92", "2021-02=89")), Status.OFF_TRACK),
                Arguments.of("threshold down achieved", compute(threshold().down().span("2021", "2022", "5.5"),
                        reports("2021=5.0", "2022=5.5")), Status.ACHIEVED),
                Arguments.of("threshold down missed", compute(threshold().down().span("2021", "2022", "5.5"),
                        reports("2021=5.6", "2022=5.0")), Status.MISSED),
                // MILESTONE
                Arguments.of("milestone on its way", compute(milestone().grain(Grain.MONTH).stages("申请", "获批", "开库")
                        .target("2021-12", null), reports("2021-05=1"), Instant.parse("2021-06-01T00:00:00Z")), Status.ON_TRACK),
                Arguments.of("milestone done", compute(milestone().grain(Grain.MONTH).stages("申请", "获批", "开库")
                        .target("2021-12", null), reports("2021-05=1", "2021-11=3"), Instant.parse("2022-01-01T00:00:00Z")),
                        Status.ACHIEVED),
                Arguments.of("milestone past due", compute(milestone().grain(Grain.MONTH).stages("申请", "获批", "开库")
                        .target("2021-12", null), reports("2021-05=2"), Instant.parse("2022-01-01T00:00:00Z")), Status.MISSED),
                Arguments.of("milestone silent past due", compute(milestone().grain(Grain.MONTH).stages("申请", "获批")
                        .target("2021-12", null), List.of(), Instant.parse("2022-01-01T00:00:00Z")), Status.MISSED),
                Arguments.of("milestone silent before due", compute(milestone().grain(Grain.MONTH).stages("申请", "获批")
                        .target("2021-12", null), List.of(), Instant.parse("2021-12-31T00:00:00Z")), Status.NO_DATA));
    }

    @Test
    void everyNoDataReason() {
        assertEquals(NoDataReason.NO_VALUE, compute(cumulative().target("2021", "5"), List.of()).reason());
        assertEquals(NoDataReason.NO_BASELINE, compute(level().baseline("2020", null).target("2025", "10"),
                reports("2021=5")).reason());
        assertEquals(NoDataReason.NOT_POSITIVE, compute(level().trajectory(Trajectory.COMPOUND).baseline("2020", null)
                .target("2025", "10"), reports("2020=0", "2021=5")).reason());
        assertEquals(NoDataReason.NO_VALUE, compute(level().baseline("2020", null).target("2025", "10"),
                reports("2020=4")).reason());
        assertEquals(NoDataReason.NO_COMPARISON, compute(growth().input(Input.AMOUNT).target("2021", "5"),
                reports("2021=100")).reason());
        assertEquals(NoDataReason.NO_COMPARISON, compute(growth().input(Input.AMOUNT).target("2021", "5"),
                reports("2020=0", "2021=100")).reason());
        assertEquals(NoDataReason.NO_COMPARISON, compute(averageGrowth().input(Input.AMOUNT).span("2021", "2025", "5"),
                reports("2021=100")).reason());
        Progress noBenchmark = ProgressCalculator.compute(new ProgressInput(relative().benchmark("B")
                .span("2021", "2025", "2").build(), reports("2021=10"), reports("2022=8"), List.of(), PLAN, SHANGHAI,
                Fixtures.LATER));
        assertEquals(NoDataReason.NO_BENCHMARK, noBenchmark.reason());
        assertTrue(noBenchmark.awaitingBenchmark());
        for (Progress p : List.of(noBenchmark, compute(cumulative().target("2021", "5"), List.of()))) {
            assertEquals(Status.NO_DATA, p.status());
            assertTrue(p.explanation().zh().startsWith("暂无数据"), p.explanation().zh());
        }
    }

    @Test
    void aRelativeWithASubjectUsesItsSeriesAndTheLatestCommonPeriod() {
        Progress p = ProgressCalculator.compute(new ProgressInput(relative().benchmark("PROV").subject("FTZ")
                .span("2021", "2025", "3").build(), List.of(), reports("2021=8", "2022=7"),
                reports("2021=12", "2022=9.5", "2023=11"), PLAN, SHANGHAI, Fixtures.LATER));
        assertEquals("2022", p.period());
        assertEquals(2.5, p.actual(), EXACT);
        assertEquals(-0.5, p.gap(), EXACT);
        assertEquals(Status.AT_RISK, p.status());
        assertTrue(p.awaitingBenchmark());
    }

    @Test
    void missingPeriodsCountZeroAndAreListed() {
        Progress byPeriod = compute(cumulative().grain(Grain.MONTH).target("2021", "1200"),
                reports("2021-01=100", "2021-03=100"));
        assertEquals(200, byPeriod.actual(), EXACT);
        assertEquals(List.of("2021-02"), byPeriod.missingPeriods());
        Progress ytd = compute(cumulative().grain(Grain.QUARTER).basis(Basis.YTD).span("2021", "2022", "100"),
                reports("2022-Q2=30"));
        assertEquals(30, ytd.actual(), EXACT);
        assertEquals(List.of("2021"), ytd.missingPeriods());
        assertEquals(6 / 8.0, ytd.expectedProgress(), EXACT);
    }

    @Test
    void aRevisionOfAnOlderPeriodChangesTheSumButNotP() {
        List<io.planpulse.reporting.domain.Revision> revisions = new java.util.ArrayList<>(reports("2021-01=110",
                "2021-02=95", "2021-03=160"));
        revisions.add(new io.planpulse.reporting.domain.Revision("2021-01", 2, new BigDecimal("130"), false, false,
                Instant.parse("2021-05-01T00:00:00Z")));
        Progress p = compute(cumulative().grain(Grain.MONTH).target("2021", "1500"), revisions);
        assertEquals(385, p.actual(), EXACT);
        assertEquals("2021-03", p.period());
        assertEquals(1, p.revision());
    }

    @Test
    void asOfSeesOnlyWhatWasReceivedByThen() {
        List<io.planpulse.reporting.domain.Revision> revisions = List.of(
                new io.planpulse.reporting.domain.Revision("2021-01", 1, new BigDecimal("110"), true, false,
                        Instant.parse("2021-02-10T00:00:00Z")),
                new io.planpulse.reporting.domain.Revision("2021-01", 2, new BigDecimal("120"), false, false,
                        Instant.parse("2021-03-10T00:00:00Z")),
                new io.planpulse.reporting.domain.Revision("2021-02", 1, new BigDecimal("95"), false, false,
                        Instant.parse("2021-03-10T00:00:00Z")));
        Progress early = compute(cumulative().grain(Grain.MONTH).target("2021", "1500"), revisions,
                Instant.parse("2021-03-01T00:00:00Z"));
        assertEquals(110, early.actual(), EXACT);
        assertEquals("2021-01", early.period());
        assertTrue(early.provisional());
        assertEquals(Instant.parse("2021-03-01T00:00:00Z"), early.asOf());
        Progress later = compute(cumulative().grain(Grain.MONTH).target("2021", "1500"), revisions,
                Instant.parse("2021-03-10T00:00:00Z"));
        assertEquals(215, later.actual(), EXACT);
        assertFalse(later.provisional());
    }

    @Test
    void aWithdrawnValueCountsAsUnreported() {
        List<io.planpulse.reporting.domain.Revision> revisions = new java.util.ArrayList<>(reports("2021-01=110",
                "2021-02=95"));
        revisions.add(new io.planpulse.reporting.domain.Revision("2021-02", 2, null, false, true,
                Instant.parse("2021-04-01T00:00:00Z")));
        Progress p = compute(cumulative().grain(Grain.MONTH).target("2021", "1500"), revisions);
        assertEquals(110, p.actual(), EXACT);
        assertEquals("2021-01", p.period());
    }

    @Test
    void lateWhenTheLatestDuePeriodHasNoReport() {
        // Monthly, due 20 days after each month; on 2021-05-25 April (due 05-20) is the latest due.
        Instant may25 = Instant.parse("2021-05-25T00:00:00Z");
        assertTrue(compute(cumulative().grain(Grain.MONTH).target("2021", "1500"), reports("2021-01=1", "2021-02=1",
                "2021-03=1"), may25).late());
        assertFalse(compute(cumulative().grain(Grain.MONTH).target("2021", "1500"), reports("2021-01=1", "2021-02=1",
                "2021-04=1"), may25).late());
        assertFalse(compute(cumulative().grain(Grain.MONTH).target("2021", "1500"), reports("2021-03=1"),
                Instant.parse("2021-05-15T00:00:00Z")).late(), "April is not due before 05-20");
        assertFalse(compute(milestone().grain(Grain.MONTH).stages("a").target("2021-12", null), List.of(),
                Instant.parse("2022-06-01T00:00:00Z")).late(), "never for a milestone");
        Progress missedButLate = compute(growth().target("2021", "5"), List.of(), Instant.parse("2022-06-01T00:00:00Z"));
        assertEquals(Status.NO_DATA, missedButLate.status(), "a final report that never comes is not a miss");
        assertTrue(missedButLate.late());
    }

    @Test
    void levelLinearRequiresAPerPeriodAmountAndNothingAtTheTarget() {
        Progress p = compute(level().grain(Grain.QUARTER).baseline("2020", "100").target("2021", "200"),
                reports("2021-Q2=160"));
        assertEquals(20, p.requiredPerPeriod(), EXACT);
        assertNull(p.requiredRate());
        assertEquals(100 + 60 / 0.5, p.forecast(), EXACT);
        Progress end = compute(level().grain(Grain.QUARTER).baseline("2020", "100").target("2021", "200"),
                reports("2021-Q4=210"));
        assertNull(end.requiredPerPeriod());
        assertEquals(Status.ACHIEVED, end.status());
    }

    @Test
    void aCompoundForecastFromANonPositiveValueIsNull() {
        Progress p = compute(level().trajectory(Trajectory.COMPOUND).baseline("2020", "100").target("2025", "200"),
                reports("2021=-5"));
        assertNull(p.forecast());
        assertNull(p.forecastMeetsTarget());
        assertNull(p.requiredRate());
        assertEquals(Status.OFF_TRACK, p.status());
    }

    @Test
    void thresholdComplianceIsTheShareOfReportedPeriodsThatMet() {
        Progress p = compute(threshold().grain(Grain.MONTH).span("2021-01", "2021-12", "90"),
                reports("2021-01=92", "2021-02=85", "2021-04=90", "2021-05=91"));
        assertEquals(0.75, p.compliance(), EXACT);
        assertEquals(1.0, p.gap(), EXACT);
        assertEquals(Status.ON_TRACK, p.status());
    }

    @Test
    void milestoneProgressIsTheShareOfStages() {
        Progress p = compute(milestone().grain(Grain.MONTH).stages("申请", "获批", "开库").target("2021-12", null),
                reports("2021-05=1", "2021-08=2"), Instant.parse("2021-09-01T00:00:00Z"));
        assertEquals(2 / 3.0, p.progress(), EXACT);
        assertEquals(2, p.actual(), EXACT);
        assertEquals(3, p.target(), EXACT);
        assertTrue(p.explanation().zh().contains("获批"), p.explanation().zh());
        assertTrue(p.explanation().en().contains("2 of 3"), p.explanation().en());
    }
}
