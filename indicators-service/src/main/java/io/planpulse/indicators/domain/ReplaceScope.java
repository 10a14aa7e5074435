package io.planpulse.indicators.domain;

import io.planpulse.model.plan.Period;

/**
 * What a batch replaces (DESIGN §5, "Scoped replace"): the values of the batch's indicators for
 * the periods lying wholly within {@code from} … {@code to}. A value in that scope that the batch
 * no longer holds is withdrawn, with the reason.
 */
public record ReplaceScope(Period from, Period to, String reason) {

    /** Does this period lie within the scope (2025-07 within 2025-Q1 … 2025-Q4, 2025 only within 2025-01 … 2025-12)? */
    public boolean covers(Period period) {
        return !period.start().isBefore(from.start()) && !period.end().isAfter(to.end());
    }

    @Override
    public String toString() {
        return from + " … " + to;
    }
}
