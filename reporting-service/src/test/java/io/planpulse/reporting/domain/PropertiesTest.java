package io.planpulse.reporting.domain;

import static io.planpulse.reporting.domain.Fixtures.PLAN;
import static io.planpulse.reporting.domain.Fixtures.SHANGHAI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Span;
import io.planpulse.model.plan.Spans;
import io.planpulse.model.plan.Trajectory;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What must hold for every indicator and every history of reports, checked on many generated
 * cases. Each case comes from a seed; a failure names it, so that it can be replayed.
 */
class PropertiesTest {

    private static final Instant START = Instant.parse("2021-01-01T00:00:00Z");
    private static final int TRIES = 500;

    /** Runs {@code property} on {@link #TRIES} cases, each with a random source of its own seed. */
    private static void forAll(long base, Consumer<Random> property) {
        for (int i = 0; i < TRIES; i++) {
            long seed = base * 1_000_003L + i;
            try {
                property.accept(new Random(seed));
            } catch (AssertionError e) {
                throw new AssertionError("fails for seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /** An indicator of any kind, grain and direction that a plan may hold. */
    private static Indicator indicator(Random random) {
        Grain grain = Grain.values()[random.nextInt(Grain.values().length)];
        boolean down = random.nextBoolean();
        String target = List.of("0.5", "8", "100", "1500", "6600").get(random.nextInt(5));
        int kind = random.nextInt(7);
        Fixtures.Ind ind = switch (kind) {
            case 0 -> Fixtures.level().grain(grain).trajectory(down ? Trajectory.LINEAR : Trajectory.COMPOUND)
                    .baseline("2020", random.nextBoolean() ? null : "50").target("2025", target);
            case 1 -> Fixtures.cumulative().grain(grain).basis(random.nextBoolean() ? Basis.YTD : Basis.PERIOD)
                    .target("2022", target);
            case 2 -> Fixtures.growth().grain(grain).basis(Basis.YTD)
                    .input(random.nextBoolean() ? Input.AMOUNT : Input.RATE).target("2023", target);
            case 3 -> Fixtures.averageGrowth().input(random.nextBoolean() ? Input.AMOUNT : Input.RATE)
                    .span("2021", "2025", target);
            case 4 -> Fixtures.threshold().grain(grain).span("2021", "2024", target);
            case 5 -> Fixtures.milestone().grain(grain).stages("a", "b", "c").target("2023", null);
            default -> Fixtures.relative().grain(grain).benchmark("B").span("2021", "2025", target);
        };
        if (down && kind != 5) {
            ind.down();
        }
        return ind.build();
    }

    /** Up to 40 reports for periods of the indicator's accepted span, a day apart, some revised, some withdrawn. */
    private static List<Revision> history(Indicator indicator, Random random) {
        List<Period> periods = Spans.accepted(indicator, PLAN).periods();
        int size = random.nextInt(41);
        List<Revision> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Period p = periods.get(random.nextInt(periods.size()));
            int revision = (int) out.stream().filter(r -> r.period().equals(p.toString())).count() + 1;
            boolean withdraw = revision > 1 && random.nextInt(8) == 0;
            String value = indicator.stages() != null ? Integer.toString(random.nextInt(4))
                    : Integer.toString(random.nextInt(20_000) - 1_000);
            out.add(new Revision(p.toString(), revision, withdraw ? null : new BigDecimal(value), random.nextInt(3) == 0,
                    withdraw, START.plusSeconds(86_400L * i)));
        }
        return out;
    }

    private static Progress compute(Indicator indicator, List<Revision> revisions, Instant asOf) {
        return ProgressCalculator.compute(new ProgressInput(indicator, revisions, revisions, List.of(), PLAN, SHANGHAI, asOf));
    }

    @Test
    void resultsAreNeverNaNOrInfinite() {
        forAll(1, random -> {
            Indicator indicator = indicator(random);
            Progress p = compute(indicator, history(indicator, random), START.plusSeconds(86_400L * random.nextInt(4000)));
            for (Double x : new Double[] {p.actual(), p.baseline(), p.target(), p.expected(), p.progress(),
                    p.expectedProgress(), p.gap(), p.forecast(), p.requiredRate(), p.requiredPerPeriod(), p.compliance()}) {
                assertTrue(x == null || Double.isFinite(x), () -> "a number that is not finite in " + p);
            }
            assertTrue(p.status() != null && p.explanation() != null);
            assertEquals(p.status() == Status.NO_DATA, p.reason() != null, () -> "a reason goes with NO_DATA only: " + p);
        });
    }

    @Test
    void asOfNeverSeesALaterRevision() {
        forAll(2, random -> {
            Indicator indicator = indicator(random);
            List<Revision> all = history(indicator, random);
            Instant asOf = START.plusSeconds(86_400L * random.nextInt(45)).plusSeconds(3600);
            List<Revision> known = all.stream().filter(r -> !r.knownAt().isAfter(asOf)).toList();
            assertEquals(compute(indicator, known, asOf), compute(indicator, all, asOf));
        });
    }

    @Test
    void aWithdrawnValueEqualsAMissingOne() {
        forAll(3, random -> {
            Indicator indicator = indicator(random);
            List<Revision> all = history(indicator, random);
            if (all.isEmpty()) {
                return;
            }
            String period = all.get(random.nextInt(all.size())).period();
            int next = (int) all.stream().filter(r -> r.period().equals(period)).count() + 1;
            Instant asOf = START.plusSeconds(86_400L * 5000);
            List<Revision> withdrawn = new ArrayList<>(all);
            withdrawn.add(new Revision(period, next, null, false, true, asOf.minusSeconds(1)));
            List<Revision> missing = all.stream().filter(r -> !r.period().equals(period)).toList();
            Progress a = compute(indicator, withdrawn, asOf);
            Progress b = compute(indicator, missing, asOf);
            assertEquals(b.status(), a.status());
            assertEquals(b.actual(), a.actual());
            assertEquals(b.period(), a.period());
            assertEquals(b.gap(), a.gap());
            assertEquals(b.missingPeriods(), a.missingPeriods());
        });
    }

    @Test
    void forMoreIsBetterAHigherActualNeverGivesAWorseStatus() {
        forAll(4, random -> {
            Fixtures.Ind ind = switch (random.nextInt(4)) {
                case 0 -> Fixtures.level().grain(Grain.MONTH).baseline("2020", "1000").target("2021", "2000");
                case 1 -> Fixtures.cumulative().grain(Grain.MONTH).target("2021", "12000");
                case 2 -> Fixtures.growth().grain(Grain.MONTH).basis(Basis.YTD).target("2021", "80");
                default -> Fixtures.threshold().grain(Grain.MONTH).span("2021", "2021", "5000");
            };
            String period = String.format("2021-%02d", 1 + random.nextInt(12));
            int low = random.nextInt(20_500) - 500;
            int high = low + random.nextInt(5_001);
            Instant asOf = Instant.parse("2022-06-01T00:00:00Z");
            Progress lower = ProgressCalculator.compute(ProgressInput.of(ind.build(),
                    List.of(Revision.of(period, 1, Integer.toString(low), START)), SHANGHAI, asOf));
            Progress higher = ProgressCalculator.compute(ProgressInput.of(ind.build(),
                    List.of(Revision.of(period, 1, Integer.toString(high), START)), SHANGHAI, asOf));
            assertTrue(higher.status().severity() <= lower.status().severity(),
                    () -> lower.status() + " at " + low + " but " + higher.status() + " at " + high);
        });
    }

    /**
     * Time enters a judgement only as the date in the plan's time zone: two instants of one day,
     * with the same revisions known, judge alike but for the instant itself. The clock round relies
     * on it, judging everything again only when a date has changed.
     */
    @Test
    void twoInstantsOfOneDayJudgeAlike() {
        forAll(6, random -> {
            Indicator indicator = indicator(random);
            Instant midnight = LocalDate.of(2021, 1, 1).plusDays(random.nextInt(4000)).atStartOfDay(SHANGHAI).toInstant();
            Instant early = midnight.plusSeconds(random.nextInt(86_400));
            Instant late = midnight.plusSeconds(86_399);
            List<Revision> known = history(indicator, random).stream().filter(r -> !r.knownAt().isAfter(early)).toList();
            Progress a = compute(indicator, known, early);
            Progress b = compute(indicator, known, late);
            for (RecordComponent component : Progress.class.getRecordComponents()) {
                if (!component.getName().equals("asOf")) {
                    assertEquals(value(component, a), value(component, b), () -> component.getName() + " differs within "
                            + "one day: " + a + " / " + b);
                }
            }
        });
    }

    private static Object value(RecordComponent component, Progress progress) {
        try {
            return component.getAccessor().invoke(progress);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSpanOfEveryGeneratedIndicatorIsWellFormed() {
        forAll(5, random -> {
            Span span = Spans.target(indicator(random));
            assertTrue(span.size() >= 1);
        });
    }
}
