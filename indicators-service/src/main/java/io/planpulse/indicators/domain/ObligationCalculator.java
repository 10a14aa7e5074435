package io.planpulse.indicators.domain;

import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Span;
import io.planpulse.model.plan.Spans;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The obligations of DESIGN §5: for an indicator a department reports, the periods due and overdue
 * (a period is due {@code dueDays} after it ends) and the next due date. Milestones are reported when
 * a stage is reached, and RELATIVE indicators with a subject are computed: neither owes periods.
 */
public final class ObligationCalculator {

    private ObligationCalculator() {
    }

    public static boolean owesPeriods(Indicator indicator) {
        return indicator.kind() != IndicatorKind.MILESTONE
                && !(indicator.kind() == IndicatorKind.RELATIVE && indicator.subject() != null);
    }

    /**
     * @param reported the periods that have a value (a withdrawn one does not count)
     */
    public static Optional<Obligation> of(CatalogueEntry entry, Set<String> reported, Instant now) {
        Indicator indicator = entry.indicator();
        if (!owesPeriods(indicator)) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.ofInstant(now, entry.timeZone());
        Span span = Spans.accepted(indicator, entry.planWindow());
        List<DuePeriod> due = new ArrayList<>();
        List<DuePeriod> overdue = new ArrayList<>();
        LocalDate next = null;
        for (Period period : span.periods()) {
            if (reported.contains(period.toString())) {
                continue;
            }
            LocalDate dueDate = period.end().plusDays(indicator.dueDays());
            if (period.end().isBefore(today)) {
                (dueDate.isBefore(today) ? overdue : due).add(new DuePeriod(period.toString(), dueDate));
            }
            if (!dueDate.isBefore(today) && (next == null || dueDate.isBefore(next))) {
                next = dueDate;
            }
        }
        return Optional.of(new Obligation(indicator.id(), indicator.name(), indicator.frequency(), indicator.dueDays(),
                due, overdue, next));
    }
}
