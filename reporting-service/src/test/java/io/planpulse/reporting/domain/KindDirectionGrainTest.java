package io.planpulse.reporting.domain;

import static io.planpulse.reporting.domain.Fixtures.PLAN;
import static io.planpulse.reporting.domain.Fixtures.SHANGHAI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Span;
import io.planpulse.model.plan.Spans;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind with a target, in both directions and every grain it can have: a history on the good
 * side of its target is ON_TRACK (ACHIEVED when judged at its last period), one well on the bad
 * side OFF_TRACK (MISSED at its last period).
 */
class KindDirectionGrainTest {

    private static final Instant AS_OF = Instant.parse("2030-01-01T00:00:00Z");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (IndicatorKind kind : List.of(IndicatorKind.LEVEL, IndicatorKind.CUMULATIVE, IndicatorKind.GROWTH,
                IndicatorKind.AVERAGE_GROWTH, IndicatorKind.RELATIVE, IndicatorKind.THRESHOLD)) {
            for (Direction direction : Direction.values()) {
                for (Grain grain : kind == IndicatorKind.AVERAGE_GROWTH ? List.of(Grain.YEAR) : List.of(Grain.values())) {
                    out.add(Arguments.of(kind, direction, grain, true));
                    out.add(Arguments.of(kind, direction, grain, false));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} by {2}, good side: {3}")
    @MethodSource("cases")
    void goodSideOnTrackBadSideOffTrack(IndicatorKind kind, Direction direction, Grain grain, boolean good) {
        boolean up = direction == Direction.UP;
        Fixtures.Ind ind = switch (kind) {
            case LEVEL -> Fixtures.level().grain(grain).baseline("2020", "100").target("2022", up ? "200" : "50");
            case CUMULATIVE -> Fixtures.cumulative().grain(grain).target("2021", "1200");
            case GROWTH -> Fixtures.growth().grain(grain).basis(grain == Grain.YEAR ? Basis.PERIOD : Basis.YTD)
                    .target("2021", "8");
            case AVERAGE_GROWTH -> Fixtures.averageGrowth().span("2021", "2025", "6.5");
            case RELATIVE -> Fixtures.relative().grain(grain).benchmark("B").span("2021", "2025", "2");
            default -> Fixtures.threshold().grain(grain).span("2021", "2022", "90");
        };
        if (!up) {
            ind.down();
        }
        Indicator indicator = ind.build();
        Span span = Spans.target(indicator);
        List<Revision> own = new ArrayList<>();
        List<Revision> benchmark = new ArrayList<>();
        Period p;
        switch (kind) {
            case LEVEL -> {
                p = span.first().plus(span.size() / 2);
                double value = up ? (good ? 160 : 110) : (good ? 70 : 95);
                own.add(revision(p, value));
            }
            case CUMULATIVE -> {
                p = span.first().plus(Math.max(0, span.size() / 2 - 1));
                double share = up ? (good ? 1.2 : 0.5) : (good ? 0.5 : 1.5);
                for (Period q : new Span(span.first(), p).periods()) {
                    own.add(revision(q, share * 1200 / span.size()));
                }
            }
            case GROWTH, AVERAGE_GROWTH -> {
                p = span.first();
                own.add(revision(p, up ? (good ? 9 : 4) : (good ? 5 : 11)));
            }
            case RELATIVE -> {
                p = span.first();
                own.add(revision(p, 10));
                benchmark.add(revision(p, up ? (good ? 7 : 9.5) : (good ? 9 : 6)));
            }
            default -> {
                p = span.first();
                own.add(revision(p, up ? (good ? 95 : 80) : (good ? 80 : 95)));
            }
        }
        Progress progress = ProgressCalculator.compute(new ProgressInput(indicator, own, benchmark, List.of(), PLAN,
                SHANGHAI, AS_OF));
        boolean last = p.equals(span.last());
        Status expected = good ? (last ? Status.ACHIEVED : Status.ON_TRACK) : (last ? Status.MISSED : Status.OFF_TRACK);
        if (kind == IndicatorKind.CUMULATIVE && up && good && last) {
            expected = Status.ACHIEVED;
        }
        assertEquals(expected, progress.status(), progress.explanation().en());
        assertEquals(p.toString(), progress.period());
    }

    private static Revision revision(Period p, double value) {
        return new Revision(p.toString(), 1, BigDecimal.valueOf(value), false, false, Fixtures.RECEIVED);
    }
}
