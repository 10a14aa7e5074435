package io.planpulse.reporting.round;

import io.planpulse.model.event.ReportAccepted;

/** Who acts on a round or an explanation: the token's subject and department, and whether an admin. */
public record Actor(String subject, String dept, boolean admin) {

    ReportAccepted.ReportedBy by() {
        return new ReportAccepted.ReportedBy(dept, subject);
    }

    /** Where the caller's Idempotency-Key is kept: keys are the caller's own. */
    String key(String idempotencyKey) {
        return idempotencyKey == null ? null : subject + "\n" + idempotencyKey;
    }
}
