package io.planpulse.indicators.domain;

import io.planpulse.model.plan.Grain;
import java.time.LocalDate;
import java.util.List;

/**
 * What a department owes for one indicator: periods that have ended and are due but not yet late,
 * periods whose due date has passed without a report, and the next due date.
 */
public record Obligation(String indicatorId, String name, Grain frequency, int dueDays, List<DuePeriod> due,
                         List<DuePeriod> overdue, LocalDate nextDueDate) {

    public Obligation {
        due = List.copyOf(due);
        overdue = List.copyOf(overdue);
    }
}
