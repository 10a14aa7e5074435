package io.planpulse.reporting.board;

import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Indicator;
import io.planpulse.reporting.domain.Figures;
import io.planpulse.reporting.domain.Revision;
import io.planpulse.reporting.domain.Trend;
import io.planpulse.reporting.repository.ExplanationRepository.StoredExplanation;
import io.planpulse.reporting.repository.StoredIndicator;
import io.planpulse.reporting.repository.StoredRevision;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One indicator as its board page shows it; every text already in the page's language. */
public record IndicatorPage(
        String id,
        String planId,
        String planName,
        String name,
        String otherName,
        String unit,
        String kind,
        String status,
        String statusLabel,
        boolean binding,
        String owners,
        String period,
        String actual,
        String baseline,
        String target,
        String expected,
        Double progressPercent,
        Double expectedPercent,
        String gap,
        String forecast,
        Boolean forecastMeetsTarget,
        String required,
        String compliance,
        String missingPeriods,
        boolean late,
        boolean provisional,
        boolean awaitingBenchmark,
        String explanation,
        String computedAt,
        LocalDate asOfDay,
        String chart,
        List<Change> history,
        List<Sent> revisions,
        List<Explained> explanations) {

    /** True when the page shows the present, and so follows the changes. */
    public boolean live() {
        return asOfDay == null;
    }

    public String progress() {
        return Board.percentText(progressPercent);
    }

    public String expectedProgress() {
        return Board.percentText(expectedPercent);
    }

    public String bar() {
        return TrendChart.progressBar(progressPercent, expectedPercent, progress() + " / " + expectedProgress());
    }

    /** The status and numbers after one change of the indicator's progress. */
    public record Change(int version, String at, String status, String statusLabel, String period, String actual,
                         Double progressPercent, Integer revision) {

        public String progress() {
            return Board.percentText(progressPercent);
        }
    }

    /**
     * One revision as received: value, who sent it, when, and why; where the plan's office reviews
     * values, where it stands (SUBMITTED, APPROVED, RETURNED) and the reviewer's comment.
     */
    public record Sent(String period, int revision, String value, boolean provisional, boolean withdrawn, String dept,
                       String subject, String receivedAt, String reason, String note, String source, String review,
                       String reviewComment) {
    }

    /** The latest explanation given for one round: why the indicator lags, what is done, when it recovers. */
    public record Explained(String round, int revision, String status, String statusLabel, String cause, String measures,
                            String expectedRecovery, String writtenBy, String writtenAt) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static IndicatorPage of(StoredIndicator stored, ProgressUpdated p, PlanDefined plan, List<StoredRevision> sent,
                            List<ProgressUpdated> history, List<StoredExplanation> explained, LocalDate day, Lang lang) {
        Indicator d = stored.definition();
        ZoneId zone = ZoneId.of(stored.timeZone());
        Map<String, String> depts = plan == null ? Map.of() : plan.departments().stream()
                .collect(Collectors.toMap(Department::code, dep -> lang.pick(dep.name(), dep.nameEn()), (a, b) -> a));
        Function<String, String> dept = code -> code == null ? null : depts.getOrDefault(code, code);
        List<Revision> revisions = sent.stream().map(StoredRevision::revision).toList();
        String name = lang.pick(d.name(), d.nameEn());
        String unit = lang.pick(p.unit(), d.unitEn());
        Figures f = Figures.of(p.kind(), p.unit());
        return new IndicatorPage(p.indicatorId(), p.planId(), plan == null ? p.planId() : lang.pick(plan.name(), plan.nameEn()),
                name, lang == Lang.ZH ? d.nameEn() : d.name(), unit, p.kind(), p.status(),
                BoardService.label(p.status(), lang), d.binding(),
                String.join(lang == Lang.ZH ? "、" : ", ", d.owners().stream().map(dept).toList()), p.period(),
                BoardService.number(f, p.actual()), BoardService.number(f, p.baseline()), BoardService.number(f, p.target()),
                BoardService.number(f, p.expected()), Board.percent(p.progress()), Board.percent(p.expectedProgress()),
                BoardService.gap(p, unit, lang), BoardService.number(f, p.forecast()), p.forecastMeetsTarget(),
                BoardService.required(p, lang), p.compliance() == null ? null : Figures.percentOfShare(p.compliance()),
                p.missingPeriods() == null || p.missingPeriods().isEmpty() ? null : String.join(", ", p.missingPeriods()),
                p.late(), p.provisional(), p.awaitingBenchmark(),
                p.explanation() == null ? null : lang.pick(p.explanation().zh(), p.explanation().en()),
                when(p.computedAt(), zone), day,
                TrendChart.chart(Trend.of(revisions, d, p.asOf()), p.target(), f, name),
                history.stream().map(v -> new Change(v.version(), when(v.computedAt(), zone), v.status(),
                        BoardService.label(v.status(), lang), v.period(), BoardService.number(f, v.actual()),
                        Board.percent(v.progress()), v.revision())).toList(),
                sent.stream().map(r -> new Sent(r.revision().period(), r.revision().revision(),
                        r.revision().value() == null ? null : r.revision().value().toPlainString(), r.revision().provisional(),
                        r.revision().withdrawn(), dept.apply(r.dept()), r.subject(), when(r.revision().knownAt(), zone),
                        r.reason(), r.note(), r.source(), r.review(), r.reviewComment())).toList(),
                explained.stream().map(e -> new Explained(e.round(), e.revision(), e.status(),
                        BoardService.label(e.status(), lang), e.cause(), e.measures(), e.expectedRecovery(),
                        e.writtenDept() == null ? e.writtenBy() : dept.apply(e.writtenDept()) + " · " + e.writtenBy(),
                        when(e.writtenAt(), zone))).toList());
    }

    /** An instant as the board writes it, in the plan's time zone, to the minute. */
    static String when(Instant instant, ZoneId zone) {
        return instant == null ? null : WHEN.format(instant.atZone(zone));
    }
}
