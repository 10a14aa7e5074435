package io.planpulse.indicators.domain;

import io.planpulse.model.event.ReviewState;
import java.math.BigDecimal;
import java.util.List;

/** The verdict on one row: refused with a code, or accepted with its outcome. */
public sealed interface RowResult {

    /** The index of a result that no row of the request made: a withdrawal a replace adds. */
    int NO_ROW = -1;

    /** The row's place in the request, from 0, or {@link #NO_ROW}. */
    int index();

    record Rejected(int index, String indicatorId, String period, RowIssue issue) implements RowResult {
    }

    /**
     * @param revision the revision it creates, or for UNCHANGED the latest one it equals
     * @param review   SUBMITTED where the plan's office reviews values, else null (official at receipt)
     */
    record Accepted(int index, ReportKey key, Outcome outcome, int revision, BigDecimal value, boolean provisional,
                    boolean withdrawn, String note, String reason, String source, List<Warning> warnings,
                    ReviewState review)
            implements RowResult {

        public Accepted {
            warnings = List.copyOf(warnings);
        }

        /** True when the row creates a revision (and an event). */
        public boolean stores() {
            return outcome != Outcome.UNCHANGED;
        }
    }
}
