package io.planpulse.reporting.repository;

/** An indicator's progress document as stored, with its plan, version and status. */
public record StoredProgress(String indicatorId, String planId, int version, String status, String document) {
}
