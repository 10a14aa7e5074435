package io.planpulse.indicators.domain;

import io.planpulse.model.event.ReviewState;
import io.planpulse.model.plan.Period;
import java.util.List;

/**
 * A review, as read from its request: approve or return, the comment (required to return), and
 * either the revisions named one by one or a department's values of a round of a plan.
 */
public record ReviewRequest(Action action, String comment, List<Item> items, Scope scope) {

    public static final int MAX_COMMENT = 2000;
    public static final int MAX_ITEMS = 1000;

    public enum Action {
        APPROVE, RETURN;

        /** The state a revision takes from this action. */
        public ReviewState decision() {
            return this == APPROVE ? ReviewState.APPROVED : ReviewState.RETURNED;
        }
    }

    /** One revision named: the latest of its period, as the reviewer saw it. */
    public record Item(String indicatorId, String period, int revision) {

        public ReportKey key() {
            return new ReportKey(indicatorId, period);
        }
    }

    /** Every value waiting for review of the indicators a department owns in a plan, of periods within a round. */
    public record Scope(String planId, String dept, Period round) {

        /** Is this period within the round (a month within its quarter, the quarter within its year)? */
        public boolean covers(Period period) {
            return period.isWithin(round);
        }
    }

    public ReviewRequest {
        items = items == null ? null : List.copyOf(items);
    }
}
