package io.planpulse.reporting.repository;

import io.planpulse.reporting.domain.Revision;

/**
 * A stored revision with who sent it (department, token subject) and why (reason, note, source),
 * and where its plan's office reviews values, where it stands (SUBMITTED, APPROVED, RETURNED; null:
 * official on receipt) with the reviewer's comment.
 */
public record StoredRevision(Revision revision, String dept, String subject, String reason, String note, String source,
                             String review, String reviewComment) {
}
