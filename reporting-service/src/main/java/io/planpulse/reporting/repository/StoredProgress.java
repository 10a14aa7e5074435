package io.planpulse.reporting.repository;

/** An indicator's progress document as stored, with its version and status. */
public record StoredProgress(String indicatorId, int version, String status, String document) {
}
