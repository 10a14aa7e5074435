package io.planpulse.indicators.domain;

import java.time.LocalDate;

/** A period a department owes a report for, and the day the report is due. */
public record DuePeriod(String period, LocalDate dueDate) {
}
