package io.planpulse.reporting.domain;

import io.planpulse.model.plan.Baseline;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Trajectory;
import io.planpulse.model.plan.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Indicators and reports for the calculator's tests, written the way DESIGN §3 states them. */
final class Fixtures {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Window PLAN = new Window("2021", "2025");
    /** Long after every span: nothing is late only because time passed. */
    static final Instant LATER = Instant.parse("2030-06-01T00:00:00Z");
    static final Instant RECEIVED = Instant.parse("2021-01-01T00:00:00Z");

    private Fixtures() {
    }

    /** A mutable description of an indicator, turned into the model by {@link #build()}. */
    static final class Ind {
        String id = "X";
        IndicatorKind kind;
        Grain grain = Grain.YEAR;
        Direction direction = Direction.UP;
        BigDecimal riskBand;
        Integer dueDays;
        Basis basis;
        Input input;
        Trajectory trajectory;
        Baseline baseline;
        Target target;
        List<String> stages;
        String benchmark;
        String subject;
        Window window;
        boolean binding;

        Ind(IndicatorKind kind) {
            this.kind = kind;
        }

        Ind grain(Grain g) {
            grain = g;
            return this;
        }

        Ind down() {
            direction = Direction.DOWN;
            return this;
        }

        Ind riskBand(String r) {
            riskBand = new BigDecimal(r);
            return this;
        }

        Ind dueDays(int days) {
            dueDays = days;
            return this;
        }

        Ind basis(Basis b) {
            basis = b;
            return this;
        }

        Ind input(Input i) {
            input = i;
            return this;
        }

        Ind trajectory(Trajectory t) {
            trajectory = t;
            return this;
        }

        Ind baseline(String period, String value) {
            baseline = new Baseline(period, value == null ? null : new BigDecimal(value));
            return this;
        }

        Ind target(String period, String value) {
            target = new Target(period, null, null, value == null ? null : new BigDecimal(value));
            return this;
        }

        Ind span(String from, String to, String value) {
            target = new Target(null, from, to, new BigDecimal(value));
            return this;
        }

        Ind stages(String... names) {
            stages = List.of(names);
            return this;
        }

        Ind benchmark(String id) {
            benchmark = id;
            return this;
        }

        Ind subject(String id) {
            subject = id;
            return this;
        }

        Ind window(String from, String to) {
            window = new Window(from, to);
            return this;
        }

        Indicator build() {
            return new Indicator(id, id, null, "u", null, kind, grain, direction, List.of("D"), binding, BigDecimal.ONE,
                    riskBand != null ? riskBand : kind.defaultRiskBand(), dueDays != null ? dueDays : grain.defaultDueDays(),
                    basis != null ? basis : (kind == IndicatorKind.CUMULATIVE || kind == IndicatorKind.GROWTH ? Basis.PERIOD : null),
                    input != null ? input : (kind == IndicatorKind.GROWTH || kind == IndicatorKind.AVERAGE_GROWTH ? Input.RATE : null),
                    kind == IndicatorKind.LEVEL ? (trajectory != null ? trajectory : Trajectory.LINEAR) : null,
                    baseline, target, stages, benchmark, subject, window, null);
        }
    }

    static Ind level() {
        return new Ind(IndicatorKind.LEVEL);
    }

    static Ind cumulative() {
        return new Ind(IndicatorKind.CUMULATIVE);
    }

    static Ind growth() {
        return new Ind(IndicatorKind.GROWTH);
    }

    static Ind averageGrowth() {
        return new Ind(IndicatorKind.AVERAGE_GROWTH);
    }

    static Ind relative() {
        return new Ind(IndicatorKind.RELATIVE);
    }

    static Ind milestone() {
        return new Ind(IndicatorKind.MILESTONE);
    }

    static Ind threshold() {
        return new Ind(IndicatorKind.THRESHOLD);
    }

    static Ind series() {
        return new Ind(IndicatorKind.SERIES);
    }

    /** Reports as "period=value" pairs, each the first revision, received long ago. */
    static List<Revision> reports(String... pairs) {
        List<Revision> out = new ArrayList<>();
        for (String pair : pairs) {
            String[] pv = pair.split("=");
            out.add(Revision.of(pv[0], 1, pv[1], RECEIVED));
        }
        return out;
    }

    static Progress compute(Ind ind, List<Revision> reports) {
        return compute(ind, reports, LATER);
    }

    static Progress compute(Ind ind, List<Revision> reports, Instant asOf) {
        return ProgressCalculator.compute(new ProgressInput(ind.build(), reports, List.of(), List.of(), PLAN, SHANGHAI, asOf));
    }
}
