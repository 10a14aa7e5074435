package io.planpulse.reporting.domain;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Span;
import io.planpulse.model.plan.Spans;
import io.planpulse.model.plan.Trajectory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The progress rules of DESIGN §3, for every kind of indicator: from a definition, its revisions
 * and a clock, the status, the numbers behind it and an explanation. Pure: no framework, no I/O.
 */
public final class ProgressCalculator {

    /** The tolerance of every comparison: a gap ≥ −ε counts as ≥ 0, and "met" allows ε. */
    public static final double EPSILON = 1e-9;

    private ProgressCalculator() {
    }

    public static Progress compute(ProgressInput input) {
        Indicator indicator = input.indicator();
        Grain grain = indicator.frequency();
        ValueSeries own = ValueSeries.of(input.revisions(), grain, input.asOf());
        Draft d = new Draft(input);
        switch (indicator.kind()) {
            case LEVEL -> level(d, own);
            case CUMULATIVE -> cumulative(d, own);
            case GROWTH -> growth(d, own);
            case AVERAGE_GROWTH -> averageGrowth(d, own);
            case RELATIVE -> relative(d, own);
            case MILESTONE -> milestone(d, own);
            case THRESHOLD -> threshold(d, own);
            case SERIES -> series(d, own);
        }
        if (indicator.kind() != IndicatorKind.MILESTONE) {
            ValueSeries reported = indicator.kind() == IndicatorKind.RELATIVE && indicator.subject() != null
                    ? ValueSeries.of(input.subjectRevisions(), grain, input.asOf()) : own;
            d.late = late(Spans.target(indicator), reported, indicator.dueDays(), d.today);
        }
        return d.build();
    }

    // --- LEVEL -----------------------------------------------------------------------------------

    private static void level(Draft d, ValueSeries own) {
        Indicator ind = d.indicator;
        Grain grain = ind.frequency();
        Period b = period(ind.baseline().period()).lastIn(grain);
        Period t = period(ind.target().period()).lastIn(grain);
        double target = ind.target().value().doubleValue();
        d.target = target;
        boolean compound = ind.trajectory() == Trajectory.COMPOUND;
        Double v0 = ind.baseline().value() != null ? Double.valueOf(ind.baseline().value().doubleValue())
                : own.at(b).map(v -> d.use(v).number()).orElse(null);
        if (v0 == null) {
            d.noData(NoDataReason.NO_BASELINE);
            return;
        }
        d.baseline = v0;
        if (compound && v0 <= 0) {
            d.noData(NoDataReason.NOT_POSITIVE);
            return;
        }
        Optional<Period> latest = own.latestIn(b.plus(1), t);
        if (latest.isEmpty()) {
            d.noData(NoDataReason.NO_VALUE);
            return;
        }
        Period p = latest.get();
        ValueSeries.Value value = d.use(own.at(p).orElseThrow());
        d.at(p, value);
        double v = value.number();
        double f = (double) (p.idx() - b.idx()) / (t.idx() - b.idx());
        double expected = compound ? v0 * Math.pow(target / v0, f) : v0 + (target - v0) * f;
        d.actual = v;
        d.expected = expected;
        d.progress = (v - v0) / (target - v0);
        d.expectedProgress = (expected - v0) / (target - v0);
        d.gap = d.progress - d.expectedProgress;
        if (!compound) {
            d.forecast = v0 + (v - v0) / f;
        } else if (v > 0) {
            d.forecast = v0 * Math.pow(v / v0, 1 / f);
        }
        long remaining = t.idx() - p.idx();
        if (remaining > 0) {
            if (compound) {
                d.requiredRate = v > 0 ? Double.valueOf((Math.pow(target / v, (double) grain.perYear() / remaining) - 1) * 100) : null;
            } else {
                d.requiredPerPeriod = (target - v) / remaining;
            }
        }
        d.forecastMeetsTarget = d.forecast == null ? null : meets(d.forecast, target, ind.direction());
        if (meets(v, target, ind.direction())) {
            d.status = Status.ACHIEVED;
        } else if (p.equals(t)) {
            d.status = Status.MISSED;
        } else {
            d.status = byGap(d.gap, ind.riskBand().doubleValue());
        }
        String path = compound ? "复合增长" : "线性";
        String shouldBe = amount(ind, expected);
        String is = amount(ind, v);
        String goal = amount(ind, target);
        d.explain("按" + path + "轨迹，" + p + "应达" + shouldBe + "（序时进度" + pct(d.expectedProgress) + "），实际"
                        + is + "（进度" + pct(d.progress) + "），" + aheadZh(d.gap, true) + "；目标" + t + "年达" + goal + "。",
                "On the " + (compound ? "compound" : "linear") + " path " + p + " should reach " + shouldBe + " ("
                        + pct(d.expectedProgress) + " of the way); actual " + is + " (" + pct(d.progress) + "), "
                        + aheadEn(d.gap, true) + "; target " + goal + " by " + t + ".");
    }

    // --- CUMULATIVE ------------------------------------------------------------------------------

    private static void cumulative(Draft d, ValueSeries own) {
        Indicator ind = d.indicator;
        Span span = Spans.target(ind);
        double target = ind.target().value().doubleValue();
        d.target = target;
        Optional<Period> latest = d.latestOrNoValue(own, span);
        if (latest.isEmpty()) {
            return;
        }
        Period p = latest.get();
        d.at(p, own.at(p).orElseThrow());
        double c = 0;
        if (ind.basis() == Basis.YTD) {
            for (int year = span.first().year(); year <= p.year(); year++) {
                Period yearFirst = max(span.first(), new Period(p.grain(), year, 1));
                Period yearLast = min(p, new Period(p.grain(), year, p.grain().perYear()));
                Optional<Period> ytd = own.latestIn(yearFirst, yearLast);
                if (ytd.isPresent()) {
                    c += d.use(own.at(ytd.get()).orElseThrow()).number();
                } else {
                    d.missing.add(Integer.toString(year));
                }
            }
        } else {
            for (Period q : new Span(span.first(), p).periods()) {
                Optional<ValueSeries.Value> v = own.at(q);
                if (v.isPresent()) {
                    c += d.use(v.get()).number();
                } else {
                    d.missing.add(q.toString());
                }
            }
        }
        int k = (int) (p.idx() - span.first().idx() + 1);
        int n = span.size();
        double f = (double) k / n;
        boolean up = ind.direction() == Direction.UP;
        d.actual = c;
        d.expected = target * f;
        d.progress = c / target;
        d.expectedProgress = f;
        d.gap = signed(d.progress - f, ind.direction());
        d.forecast = c / f;
        d.forecastMeetsTarget = meets(d.forecast, target, ind.direction());
        if (k < n) {
            d.requiredPerPeriod = (target - c) / (n - k);
        }
        boolean last = p.equals(span.last());
        if (up && c >= target - EPSILON) {
            d.status = Status.ACHIEVED;
        } else if (!up && c > target + EPSILON) {
            d.status = Status.MISSED;
        } else if (!up && last) {
            d.status = Status.ACHIEVED;
        } else if (last) {
            d.status = Status.MISSED;
        } else {
            d.status = byGap(d.gap, ind.riskBand().doubleValue());
        }
        String basis = ind.basis() == Basis.YTD ? "累计值逐年加总" : "逐期加总";
        d.explain(span + "共" + n + "期，至" + p + "已过" + k + "期（序时" + pct(f) + "），" + basis + "得" + amount(ind, c)
                        + "，为目标" + amount(ind, target) + "的" + pct(d.progress) + "，" + aheadZh(d.gap, true) + "。",
                span + " has " + n + " periods; by " + p + " " + k + " have passed (" + pct(f) + " of the time); the "
                        + (ind.basis() == Basis.YTD ? "year-to-date figures add up" : "periods add up") + " to "
                        + amount(ind, c) + ", " + pct(d.progress) + " of the " + (up ? "target " : "budget ") + amount(ind, target)
                        + ", " + aheadEn(d.gap, true) + ".");
    }

    // --- GROWTH ----------------------------------------------------------------------------------

    private static void growth(Draft d, ValueSeries own) {
        Indicator ind = d.indicator;
        Span span = Spans.target(ind);
        double target = ind.target().value().doubleValue();
        d.target = target;
        Period p;
        double g;
        if (ind.input() == Input.AMOUNT) {
            Optional<Period> withBoth = Optional.empty();
            for (Period q = span.last(); q.compareTo(span.first()) >= 0; q = q.plus(-1)) {
                Optional<ValueSeries.Value> before = own.at(q.yearEarlier());
                if (own.has(q) && before.isPresent() && before.get().number() != 0) {
                    withBoth = Optional.of(q);
                    break;
                }
            }
            if (withBoth.isEmpty()) {
                d.noData(own.latestIn(span.first(), span.last()).isEmpty() ? NoDataReason.NO_VALUE
                        : NoDataReason.NO_COMPARISON);
                return;
            }
            p = withBoth.get();
            ValueSeries.Value now = d.use(own.at(p).orElseThrow());
            ValueSeries.Value before = d.use(own.at(p.yearEarlier()).orElseThrow());
            d.at(p, now);
            g = (now.number() / before.number() - 1) * 100;
            d.baseline = before.number();
        } else {
            Optional<Period> latest = d.latestOrNoValue(own, span);
            if (latest.isEmpty()) {
                return;
            }
            p = latest.get();
            ValueSeries.Value value = d.use(own.at(p).orElseThrow());
            d.at(p, value);
            g = value.number();
        }
        d.actual = g;
        d.gap = signed(g - target, ind.direction());
        d.status = finalOrByGap(d.gap, p.equals(span.last()), ind.riskBand().doubleValue());
        String derived = ind.input() == Input.AMOUNT ? "（由" + amount(ind, d.baseline) + "增至本期值推算）" : "";
        d.explain(p + "同比增长" + num(g) + "%" + derived + "，目标" + num(target) + "%，" + gapPpZh(d.gap) + "。",
                "Growth in " + p + " is " + num(g) + "%" + (ind.input() == Input.AMOUNT ? " (from " + amount(ind, d.baseline)
                        + " a year earlier)" : "") + " against a target of " + num(target) + "%, " + gapPpEn(d.gap) + ".");
    }

    // --- AVERAGE_GROWTH --------------------------------------------------------------------------

    private static void averageGrowth(Draft d, ValueSeries own) {
        Indicator ind = d.indicator;
        Span span = Spans.target(ind);
        double target = ind.target().value().doubleValue();
        d.target = target;
        int n = span.size();
        double product = 1;
        int k = 0;
        Period p = null;
        for (Period year : span.periods()) {
            Double rate = annualRate(d, own, year, ind.input());
            if (rate == null) {
                break;
            }
            product *= 1 + rate / 100;
            k++;
            p = year;
        }
        if (k == 0) {
            boolean anything = !own.isEmpty();
            d.noData(ind.input() == Input.AMOUNT && anything ? NoDataReason.NO_COMPARISON : NoDataReason.NO_VALUE);
            return;
        }
        d.at(p, own.at(p).orElseThrow());
        double avg = (Math.pow(product, 1.0 / k) - 1) * 100;
        d.actual = avg;
        d.gap = signed(avg - target, ind.direction());
        if (k < n) {
            d.requiredRate = (Math.pow(Math.pow(1 + target / 100, n) / product, 1.0 / (n - k)) - 1) * 100;
        }
        d.status = finalOrByGap(d.gap, k == n, ind.riskBand().doubleValue());
        String required = d.requiredRate == null ? "" : "；余下" + (n - k) + "年须年均增长" + num(d.requiredRate) + "%";
        d.explain(span.first() + "—" + p + "共" + k + "年年均增长" + num(avg) + "%，目标" + num(target) + "%以上，"
                        + gapPpZh(d.gap) + required + "。",
                "Average annual growth over " + k + " year(s) " + span.first() + "–" + p + " is " + num(avg)
                        + "% against " + num(target) + "%, " + gapPpEn(d.gap)
                        + (d.requiredRate == null ? "" : "; the remaining " + (n - k) + " year(s) need "
                        + num(d.requiredRate) + "% a year") + ".");
    }

    /** r_i of a year: reported (RATE), or from this and last year's levels (AMOUNT); null when it cannot be had. */
    private static Double annualRate(Draft d, ValueSeries own, Period year, Input input) {
        Optional<ValueSeries.Value> now = own.at(year);
        if (now.isEmpty()) {
            return null;
        }
        if (input != Input.AMOUNT) {
            return d.use(now.get()).number();
        }
        Optional<ValueSeries.Value> before = own.at(year.plus(-1));
        if (before.isEmpty() || before.get().number() == 0) {
            return null;
        }
        return (d.use(now.get()).number() / d.use(before.get()).number() - 1) * 100;
    }

    // --- RELATIVE --------------------------------------------------------------------------------

    private static void relative(Draft d, ValueSeries own) {
        Indicator ind = d.indicator;
        Grain grain = ind.frequency();
        Span span = Spans.target(ind);
        double margin = ind.target().value().doubleValue();
        d.target = margin;
        ValueSeries subject = ind.subject() == null ? own : ValueSeries.of(d.input.subjectRevisions(), grain, d.input.asOf());
        ValueSeries benchmark = ValueSeries.of(d.input.benchmarkRevisions(), grain, d.input.asOf());
        Optional<Period> latestSubject = subject.latestIn(span.first(), span.last());
        if (latestSubject.isEmpty()) {
            d.noData(NoDataReason.NO_VALUE);
            return;
        }
        Period p = null;
        for (Period q = latestSubject.get(); q.compareTo(span.first()) >= 0; q = q.plus(-1)) {
            if (subject.has(q) && benchmark.has(q)) {
                p = q;
                break;
            }
        }
        d.awaitingBenchmark = p == null || latestSubject.get().compareTo(p) > 0;
        if (p == null) {
            d.noData(NoDataReason.NO_BENCHMARK);
            return;
        }
        ValueSeries.Value s = d.use(subject.at(p).orElseThrow());
        ValueSeries.Value b = d.use(benchmark.at(p).orElseThrow());
        d.at(p, s);
        d.actual = s.number() - b.number();
        d.baseline = b.number();
        d.gap = signed(d.actual - margin, ind.direction());
        d.status = finalOrByGap(d.gap, p.equals(span.last()), ind.riskBand().doubleValue());
        String waiting = d.awaitingBenchmark ? "；" + latestSubject.get() + "的对标数据尚未发布" : "";
        d.explain(p + "增速" + num(s.number()) + "%，对标" + num(b.number()) + "%，高出" + num(d.actual) + "个百分点，要求"
                        + num(margin) + "个百分点以上，" + gapPpZh(d.gap) + waiting + "。",
                "In " + p + " growth was " + num(s.number()) + "% against a benchmark of " + num(b.number()) + "%, "
                        + num(d.actual) + " points apart where " + num(margin) + " are required, " + gapPpEn(d.gap)
                        + (d.awaitingBenchmark ? "; the benchmark for " + latestSubject.get() + " is not out yet" : "") + ".");
    }

    // --- MILESTONE -------------------------------------------------------------------------------

    private static void milestone(Draft d, ValueSeries own) {
        Indicator ind = d.indicator;
        Grain grain = ind.frequency();
        int n = ind.stages().size();
        Period due = period(ind.target().period()).lastIn(grain);
        d.target = (double) n;
        boolean pastDue = due.end().isBefore(d.today);
        Span window = Spans.accepted(ind, d.input.planWindow());
        Optional<Period> latest = own.latestIn(window.first(), window.last());
        if (latest.isEmpty()) {
            if (pastDue) {
                d.actual = 0.0;
                d.progress = 0.0;
                d.status = Status.MISSED;
                d.explain("应于" + due + "前完成" + n + "个阶段（" + String.join("→", ind.stages()) + "），至今未报进展：未完成。",
                        n + " stage(s) (" + String.join(" → ", ind.stages()) + ") were due by " + due
                                + "; no progress was reported: missed.");
            } else {
                d.noData(NoDataReason.NO_VALUE);
            }
            return;
        }
        Period p = latest.get();
        ValueSeries.Value value = d.use(own.at(p).orElseThrow());
        d.at(p, value);
        int completed = (int) Math.round(value.number());
        d.actual = (double) completed;
        d.progress = (double) completed / n;
        if (completed >= n) {
            d.status = Status.ACHIEVED;
        } else if (pastDue) {
            d.status = Status.MISSED;
        } else {
            d.status = Status.ON_TRACK;
        }
        String reached = completed == 0 ? "尚未开始" : "已完成“" + ind.stages().get(completed - 1) + "”";
        d.explain(p + "报告" + reached + "（" + completed + "/" + n + "），应于" + due + "前全部完成。",
                "By " + p + " " + completed + " of " + n + " stage(s) were done"
                        + (completed == 0 ? "" : " (last: " + ind.stages().get(completed - 1) + ")") + "; all are due by "
                        + due + ".");
    }

    // --- THRESHOLD -------------------------------------------------------------------------------

    private static void threshold(Draft d, ValueSeries own) {
        Indicator ind = d.indicator;
        Span span = Spans.target(ind);
        double bound = ind.target().value().doubleValue();
        d.target = bound;
        Optional<Period> latest = d.latestOrNoValue(own, span);
        if (latest.isEmpty()) {
            return;
        }
        Period p = latest.get();
        ValueSeries.Value value = d.use(own.at(p).orElseThrow());
        d.at(p, value);
        int reported = 0;
        int met = 0;
        for (Period q : new Span(span.first(), p).periods()) {
            Optional<ValueSeries.Value> v = own.at(q);
            if (v.isPresent()) {
                reported++;
                if (meets(d.use(v.get()).number(), bound, ind.direction())) {
                    met++;
                }
            }
        }
        d.actual = value.number();
        d.gap = signed(value.number() - bound, ind.direction());
        d.compliance = (double) met / reported;
        boolean last = p.equals(span.last());
        if (last && met == reported) {
            d.status = Status.ACHIEVED;
        } else if (last) {
            d.status = Status.MISSED;
        } else {
            d.status = byGap(d.gap, ind.riskBand().doubleValue());
        }
        String side = ind.direction() == Direction.UP ? "不低于" : "不高于";
        String is = amount(ind, value.number());
        String limit = amount(ind, bound);
        d.explain(p + "为" + is + "，要求" + side + limit + "；已报" + reported + "期中" + met + "期达标。",
                p + " is " + is + " where it must stay " + (ind.direction() == Direction.UP ? "at or above " : "at or below ")
                        + limit + "; " + met + " of " + reported + " reported period(s) complied.");
    }

    // --- SERIES ----------------------------------------------------------------------------------

    private static void series(Draft d, ValueSeries own) {
        Span span = Spans.target(d.indicator);
        d.status = Status.NO_TARGET;
        Optional<Period> latest = own.latestIn(span.first(), span.last());
        if (latest.isEmpty()) {
            d.explain("监测指标，尚无上报数据。", "A monitored series without a target; nothing reported yet.");
            return;
        }
        Period p = latest.get();
        ValueSeries.Value value = d.use(own.at(p).orElseThrow());
        d.at(p, value);
        d.actual = value.number();
        d.explain("监测指标，" + p + "为" + amount(d.indicator, value.number()) + "。", "A monitored series without a target; "
                + p + " is " + amount(d.indicator, value.number()) + ".");
    }

    // --- rules shared by the kinds ---------------------------------------------------------------

    /** ON_TRACK at gap ≥ −ε, AT_RISK down to −riskBand, OFF_TRACK below. */
    static Status byGap(double gap, double riskBand) {
        if (gap >= -EPSILON) {
            return Status.ON_TRACK;
        }
        if (gap >= -riskBand - EPSILON) {
            return Status.AT_RISK;
        }
        return Status.OFF_TRACK;
    }

    /** For kinds judged at the span's last period: ACHIEVED or MISSED there, by the gap before. */
    private static Status finalOrByGap(double gap, boolean last, double riskBand) {
        if (last) {
            return gap >= -EPSILON ? Status.ACHIEVED : Status.MISSED;
        }
        return byGap(gap, riskBand);
    }

    /** At or beyond the target in the direction, with ε. */
    static boolean meets(double value, double target, Direction direction) {
        return direction == Direction.UP ? value >= target - EPSILON : value <= target + EPSILON;
    }

    private static double signed(double gap, Direction direction) {
        return direction == Direction.DOWN ? -gap : gap;
    }

    /** The latest period in the span whose report is due before today has none. */
    private static boolean late(Span span, ValueSeries reported, int dueDays, LocalDate today) {
        Period lastDue = null;
        for (Period q = span.last(); q.compareTo(span.first()) >= 0; q = q.plus(-1)) {
            if (q.end().plusDays(dueDays).isBefore(today)) {
                lastDue = q;
                break;
            }
        }
        return lastDue != null && !reported.has(lastDue);
    }

    private static Period period(String text) {
        return Period.parse(text).orElseThrow(() -> new IllegalArgumentException("not a period: " + text));
    }

    private static Period max(Period a, Period b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Period min(Period a, Period b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // --- words and numbers for the explanations --------------------------------------------------

    // the numbers by the one rule people read them by (Figures): a rate or points to one decimal, an
    // amount in its unit's decimals, thousands separated

    /** A rate, a growth or a difference of them, in percent or percentage points. */
    static String num(Double x) {
        return Figures.PERCENT.text(x);
    }

    /** A value in the indicator's unit. */
    private static String amount(Indicator indicator, Double x) {
        return Figures.ofUnit(indicator.unit()).text(x);
    }

    private static String pct(Double share) {
        return Figures.percentOfShare(share);
    }

    private static String aheadZh(Double gap, boolean share) {
        if (gap == null) {
            return "无法比较";
        }
        String points = share ? num(Math.abs(gap) * 100) + "个百分点" : num(Math.abs(gap)) + "个百分点";
        return gap >= -EPSILON ? "快于序时" + points : "慢于序时" + points;
    }

    private static String aheadEn(Double gap, boolean share) {
        if (gap == null) {
            return "not comparable";
        }
        String points = share ? num(Math.abs(gap) * 100) + " points" : num(Math.abs(gap)) + " points";
        return gap >= -EPSILON ? points + " ahead of schedule" : points + " behind schedule";
    }

    private static String gapPpZh(double gap) {
        return gap >= -EPSILON ? "达到要求（差距" + num(gap) + "个百分点）" : "低于要求" + num(-gap) + "个百分点";
    }

    private static String gapPpEn(double gap) {
        return gap >= -EPSILON ? "meeting it (gap " + num(gap) + " points)" : num(-gap) + " points short";
    }

    /** The result under construction. */
    private static final class Draft {
        final ProgressInput input;
        final Indicator indicator;
        final LocalDate today;
        Status status;
        NoDataReason reason;
        String period;
        Integer revision;
        Double actual;
        Double baseline;
        Double target;
        Double expected;
        Double progress;
        Double expectedProgress;
        Double gap;
        Double forecast;
        Boolean forecastMeetsTarget;
        Double requiredRate;
        Double requiredPerPeriod;
        Double compliance;
        boolean late;
        boolean provisional;
        boolean awaitingBenchmark;
        final List<String> missing = new ArrayList<>();
        Explanation explanation;

        Draft(ProgressInput input) {
            this.input = input;
            this.indicator = input.indicator();
            this.today = LocalDate.ofInstant(input.asOf(), input.timeZone());
        }

        /** Marks a value as used, so that a provisional one makes the result provisional. */
        ValueSeries.Value use(ValueSeries.Value value) {
            provisional |= value.provisional();
            return value;
        }

        void at(Period p, ValueSeries.Value value) {
            period = p.toString();
            revision = value.revision();
        }

        /** The latest period of the span with a value; without one, the result is NO_DATA (NO_VALUE). */
        Optional<Period> latestOrNoValue(ValueSeries series, Span span) {
            Optional<Period> latest = series.latestIn(span.first(), span.last());
            if (latest.isEmpty()) {
                noData(NoDataReason.NO_VALUE);
            }
            return latest;
        }

        void noData(NoDataReason why) {
            status = Status.NO_DATA;
            reason = why;
            explain(Status.NO_DATA.zh() + "：" + why.zh() + "。", Status.NO_DATA.en() + ": " + why.en() + ".");
        }

        void explain(String zh, String en) {
            explanation = new Explanation(zh, en);
        }

        Progress build() {
            return new Progress(indicator.id(), indicator.kind(), indicator.unit(), status, reason, period,
                    finite(actual), finite(baseline), finite(target), finite(expected), finite(progress),
                    finite(expectedProgress), finite(gap), finite(forecast), finite(forecast) == null ? null : forecastMeetsTarget,
                    finite(requiredRate), finite(requiredPerPeriod), late, provisional, awaitingBenchmark, finite(compliance),
                    missing, revision, input.asOf(), explanation);
        }

        private static Double finite(Double x) {
            return x == null || !Double.isFinite(x) ? null : x;
        }
    }
}
