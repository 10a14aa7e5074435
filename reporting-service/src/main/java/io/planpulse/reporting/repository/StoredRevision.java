package io.planpulse.reporting.repository;

import io.planpulse.reporting.domain.Revision;

/** A stored revision with who sent it (department, token subject) and why (reason, note, source). */
public record StoredRevision(Revision revision, String dept, String subject, String reason, String note, String source) {
}
