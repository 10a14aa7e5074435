package io.planpulse.indicators.domain;

import io.planpulse.model.Texts;
import io.planpulse.model.event.ReviewState;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Span;
import io.planpulse.model.plan.Spans;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a batch of report rows against the catalogue and the latest revisions (DESIGN §5): every
 * row is either refused with one code, or accepted with its outcome, revision and warnings.
 * Pure: the caller loads what it needs ({@link #keysNeeded}) and stores what it returns.
 */
public final class ReportEvaluator {

    public static final int MAX_NOTE = 2000;
    public static final int MAX_REASON = 500;
    public static final int MAX_SOURCE = 500;
    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal TENTH = new BigDecimal("0.1");

    private ReportEvaluator() {
    }

    /** The periods the rows report, for those whose indicator and period read: what a store locks. */
    public static Set<ReportKey> reportedKeys(List<ReportRow> rows, Map<String, CatalogueEntry> catalogue) {
        Set<ReportKey> keys = new LinkedHashSet<>();
        for (ReportRow row : rows) {
            reportedPeriod(row, catalogue).ifPresent(p -> keys.add(new ReportKey(row.indicatorId(), p.toString())));
        }
        return keys;
    }

    /** The periods whose latest revisions the evaluation needs: each row's own and the one before it. */
    public static Set<ReportKey> keysNeeded(List<ReportRow> rows, Map<String, CatalogueEntry> catalogue) {
        Set<ReportKey> keys = new LinkedHashSet<>();
        for (ReportRow row : rows) {
            reportedPeriod(row, catalogue).ifPresent(p -> {
                keys.add(new ReportKey(row.indicatorId(), p.toString()));
                keys.add(new ReportKey(row.indicatorId(), p.plus(-1).toString()));
            });
        }
        return keys;
    }

    private static Optional<Period> reportedPeriod(ReportRow row, Map<String, CatalogueEntry> catalogue) {
        CatalogueEntry entry = row.indicatorId() == null ? null : catalogue.get(row.indicatorId());
        return Period.parse(row.period()).filter(p -> entry != null && p.grain() == entry.indicator().frequency());
    }

    /** The indicators a replace's scope reaches: those the rows name that the catalogue knows. */
    public static Set<String> scopeIndicators(List<ReportRow> rows, Map<String, CatalogueEntry> catalogue) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(row -> {
            if (row.indicatorId() != null && catalogue.containsKey(row.indicatorId())) {
                ids.add(row.indicatorId());
            }
        });
        return ids;
    }

    /** Of the periods that hold a value now (by indicator), those a replace's scope covers: what it locks and reads. */
    public static Set<ReportKey> inScope(ReplaceScope scope, Map<String, Set<String>> held) {
        Set<ReportKey> keys = new LinkedHashSet<>();
        held.forEach((indicatorId, periods) -> periods.forEach(period -> {
            if (Period.parse(period).map(scope::covers).orElse(false)) {
                keys.add(new ReportKey(indicatorId, period));
            }
        }));
        return keys;
    }

    /**
     * Judges the rows, and with a replace scope (else null) the scope itself: refused whole when it
     * reaches an indicator the caller may not report; a row outside it is refused; a value within it
     * that no row names is withdrawn with the scope's reason.
     *
     * @param heads the latest revisions of {@link #keysNeeded}, and with a scope those of {@link #inScope}
     */
    public static BatchVerdict evaluate(List<ReportRow> rows, Map<String, CatalogueEntry> catalogue,
                                        Map<ReportKey, Head> heads, Caller caller, Instant now, ReplaceScope scope) {
        if (scope != null) {
            List<String> foreign = scopeIndicators(rows, catalogue).stream()
                    .filter(id -> !caller.mayReport(catalogue.get(id).indicator().owners())).toList();
            if (!foreign.isEmpty()) {
                return BatchVerdict.refused(new RowIssue(RowCode.FORBIDDEN_SCOPE, "the replace scope reaches "
                        + String.join(", ", foreign) + ", which department " + caller.dept()
                        + " does not own; nothing was stored"));
            }
        }
        List<Object> checked = new ArrayList<>(rows.size());
        Set<ReportKey> seen = new HashSet<>();
        Map<ReportKey, BigDecimal> batchValues = new HashMap<>();
        for (ReportRow row : rows) {
            Object verdict = check(row, catalogue, caller, now, seen, scope);
            checked.add(verdict);
            if (verdict instanceof Valid valid && !row.withdrawn()) {
                batchValues.put(valid.key(), row.value());
            }
        }
        List<RowResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ReportRow row = rows.get(i);
            if (checked.get(i) instanceof RowResult.Rejected rejected) {
                results.add(rejected);
            } else {
                results.add(judge(row, (Valid) checked.get(i), heads, batchValues));
            }
        }
        return new BatchVerdict(results, scope == null ? List.of() : withdrawals(rows, catalogue, heads, seen, scope),
                Optional.empty());
    }

    /** The scope's values that no row names, withdrawn in the order of their keys. */
    private static List<RowResult.Accepted> withdrawals(List<ReportRow> rows, Map<String, CatalogueEntry> catalogue,
                                                        Map<ReportKey, Head> heads, Set<ReportKey> named,
                                                        ReplaceScope scope) {
        Set<String> indicators = scopeIndicators(rows, catalogue);
        return heads.entrySet().stream()
                .filter(e -> indicators.contains(e.getKey().indicatorId()) && !named.contains(e.getKey())
                        && !e.getValue().withdrawn()
                        && Period.parse(e.getKey().period()).map(scope::covers).orElse(false))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(ReportKey::toString)))
                .map(e -> new RowResult.Accepted(RowResult.NO_ROW, e.getKey(), Outcome.WITHDRAWN,
                        e.getValue().revision() + 1, null, false, true, null, scope.reason(), null, List.of(),
                        catalogue.get(e.getKey().indicatorId()).review() ? ReviewState.SUBMITTED : null))
                .toList();
    }

    /** A row that passed every check, with what the judging needs. */
    private record Valid(ReportKey key, Period period, Indicator indicator, boolean review) {
    }

    private static Object check(ReportRow row, Map<String, CatalogueEntry> catalogue, Caller caller, Instant now,
                                Set<ReportKey> seen, ReplaceScope scope) {
        if (!row.readIssues().isEmpty()) {
            return reject(row, row.readIssues().get(0));
        }
        CatalogueEntry entry = row.indicatorId() == null ? null : catalogue.get(row.indicatorId());
        if (entry == null) {
            return reject(row, RowCode.UNKNOWN_INDICATOR, row.indicatorId() == null
                    ? "indicatorId is required" : "there is no indicator " + row.indicatorId());
        }
        Indicator indicator = entry.indicator();
        if (!caller.mayReport(indicator.owners())) {
            return reject(row, RowCode.FORBIDDEN_INDICATOR, "department " + caller.dept() + " does not own "
                    + indicator.id() + " (owners: " + String.join(", ", indicator.owners()) + ")");
        }
        if (indicator.kind() == IndicatorKind.RELATIVE && indicator.subject() != null) {
            return reject(row, RowCode.NOT_REPORTABLE, indicator.id() + " is computed from " + indicator.subject()
                    + " and " + indicator.benchmark() + ": report those instead");
        }
        Optional<Period> parsed = Period.parse(row.period());
        if (parsed.isEmpty()) {
            return reject(row, RowCode.PERIOD_INVALID, row.period() == null ? "period is required"
                    : "'" + row.period() + "' is not a period such as 2025, 2025-H1, 2025-Q3 or 2025-07");
        }
        Period period = parsed.get();
        if (period.grain() != indicator.frequency()) {
            return reject(row, RowCode.PERIOD_GRAIN_MISMATCH, indicator.id() + " is reported by "
                    + indicator.frequency() + ", not by " + period.grain());
        }
        ReportKey key = new ReportKey(indicator.id(), period.toString());
        if (!seen.add(key)) {
            return reject(row, RowCode.DUPLICATE_ROW, "an earlier row of this batch already reports " + key);
        }
        Span accepted = Spans.accepted(indicator, entry.planWindow());
        if (!accepted.contains(period)) {
            return reject(row, RowCode.PERIOD_OUTSIDE_WINDOW, indicator.id() + " accepts periods " + accepted
                    + ", not " + period);
        }
        LocalDate today = LocalDate.ofInstant(now, entry.timeZone());
        if (period.start().isAfter(today)) {
            return reject(row, RowCode.PERIOD_IN_FUTURE, period + " begins after today (" + today + ", "
                    + entry.timeZone() + ")");
        }
        if (scope != null && !scope.covers(period)) {
            return reject(row, RowCode.OUTSIDE_SCOPE, period + " lies outside the replace scope " + scope);
        }
        Optional<RowIssue> text = textIssue(row);
        if (text.isPresent()) {
            return reject(row, text.get());
        }
        Optional<RowIssue> value = valueIssue(row, indicator);
        if (value.isPresent()) {
            return reject(row, value.get());
        }
        return new Valid(key, period, indicator, entry.review());
    }

    private static Optional<RowIssue> textIssue(ReportRow row) {
        return textIssue("note", row.note(), MAX_NOTE)
                .or(() -> textIssue("reason", row.reason(), MAX_REASON))
                .or(() -> textIssue("source", row.source(), MAX_SOURCE));
    }

    private static Optional<RowIssue> textIssue(String field, String text, int max) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.length() > max) {
            return Optional.of(new RowIssue(RowCode.TEXT_TOO_LONG, field + " must be at most " + max + " characters"));
        }
        if (Texts.hasControlCharacters(text)) {
            return Optional.of(new RowIssue(RowCode.TEXT_INVALID, field
                    + " must not contain control characters (tabs and line breaks are fine)"));
        }
        return Optional.empty();
    }

    private static Optional<RowIssue> valueIssue(ReportRow row, Indicator indicator) {
        if (row.withdrawn()) {
            if (row.reason() == null || row.reason().isBlank()) {
                return Optional.of(new RowIssue(RowCode.REASON_REQUIRED, "a withdrawal needs a reason"));
            }
            if (row.valueText() != null) {
                return Optional.of(new RowIssue(RowCode.VALUE_INVALID, "a withdrawal carries no value"));
            }
            return Optional.empty();
        }
        if (row.value() == null) {
            return Optional.of(new RowIssue(RowCode.VALUE_INVALID, row.valueText() == null
                    ? "value is required" : "'" + row.valueText() + "' is not a finite number"));
        }
        Optional<String> outOfRange = ReportValue.problem(row.value(), row.valueText());
        if (outOfRange.isPresent()) {
            return Optional.of(new RowIssue(RowCode.VALUE_INVALID, outOfRange.get()));
        }
        if (indicator.kind() == IndicatorKind.MILESTONE) {
            int stages = indicator.stages().size();
            BigDecimal v = row.value();
            if (v.signum() < 0 || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.valueOf(stages)) > 0) {
                return Optional.of(new RowIssue(RowCode.STAGE_INVALID, "a milestone's value is the number of stages "
                        + "completed, a whole number from 0 to " + stages + " (" + String.join(" → ", indicator.stages())
                        + "), not " + row.valueText()));
            }
        }
        return Optional.empty();
    }

    private static RowResult judge(ReportRow row, Valid valid, Map<ReportKey, Head> heads,
                                   Map<ReportKey, BigDecimal> batchValues) {
        Head head = heads.get(valid.key());
        if (row.withdrawn()) {
            if (head == null) {
                return reject(row, RowCode.NOTHING_TO_WITHDRAW, valid.key() + " has no value to withdraw");
            }
            if (head.withdrawn()) {
                return unchanged(row, valid, head);
            }
            return accepted(row, valid, Outcome.WITHDRAWN, head.revision() + 1, List.of());
        }
        if (head != null && !head.withdrawn() && head.value().compareTo(row.value()) == 0
                && head.provisional() == row.provisional() && Objects.equals(head.note(), row.note())) {
            return unchanged(row, valid, head);
        }
        Outcome outcome = head == null ? Outcome.CREATED : Outcome.REVISED;
        return accepted(row, valid, outcome, head == null ? 1 : head.revision() + 1,
                warnings(row.value(), valid, heads, batchValues));
    }

    private static RowResult.Accepted accepted(ReportRow row, Valid valid, Outcome outcome, int revision,
                                               List<Warning> warnings) {
        return new RowResult.Accepted(row.index(), valid.key(), outcome, revision, row.withdrawn() ? null : row.value(),
                row.provisional(), row.withdrawn(), row.note(), row.reason(), row.source(), warnings,
                valid.review() ? ReviewState.SUBMITTED : null);
    }

    /** Equal to the latest revision: nothing is stored, and the latest revision's review state stands. */
    private static RowResult.Accepted unchanged(ReportRow row, Valid valid, Head head) {
        return new RowResult.Accepted(row.index(), valid.key(), Outcome.UNCHANGED, head.revision(),
                row.withdrawn() ? null : row.value(), row.provisional(), row.withdrawn(), row.note(), row.reason(),
                row.source(), List.of(), head.review());
    }

    private static List<Warning> warnings(BigDecimal value, Valid valid, Map<ReportKey, Head> heads,
                                          Map<ReportKey, BigDecimal> batchValues) {
        Indicator indicator = valid.indicator();
        Period previous = valid.period().plus(-1);
        ReportKey previousKey = new ReportKey(indicator.id(), previous.toString());
        BigDecimal before = batchValues.containsKey(previousKey) ? batchValues.get(previousKey)
                : Optional.ofNullable(heads.get(previousKey)).map(Head::reportedValue).orElse(null);
        if (before == null || indicator.kind() == IndicatorKind.MILESTONE) {
            return List.of();
        }
        boolean ytd = indicator.basis() == Basis.YTD;
        boolean sameYear = previous.year() == valid.period().year();
        if (ytd && !sameYear) {
            return List.of();
        }
        List<Warning> warnings = new ArrayList<>();
        boolean ytdAmount = ytd && (indicator.kind() == IndicatorKind.CUMULATIVE || indicator.input() == Input.AMOUNT);
        if (ytdAmount && value.compareTo(before) < 0) {
            warnings.add(new Warning(WarningCode.YTD_DECREASE, "the year-to-date amount " + value.toPlainString()
                    + " is below " + before.toPlainString() + " reported for " + previous));
        }
        if (outlier(value, before)) {
            warnings.add(new Warning(WarningCode.OUTLIER, value.toPlainString() + " is far from "
                    + before.toPlainString() + " reported for " + previous + ": check the unit (万元/亿元)"));
        }
        return warnings;
    }

    /** ≥ 10× or ≤ 1/10 of the previous value, or of the other sign. */
    static boolean outlier(BigDecimal value, BigDecimal before) {
        if (before.signum() == 0) {
            return false;
        }
        if (value.signum() != before.signum()) {
            return true;
        }
        BigDecimal ratio = value.divide(before, java.math.MathContext.DECIMAL64).abs();
        return ratio.compareTo(TEN) >= 0 || ratio.compareTo(TENTH) <= 0;
    }

    private static RowResult.Rejected reject(ReportRow row, RowCode code, String message) {
        return reject(row, new RowIssue(code, message));
    }

    private static RowResult.Rejected reject(ReportRow row, RowIssue issue) {
        return new RowResult.Rejected(row.index(), row.indicatorId(), row.period(), issue);
    }
}
