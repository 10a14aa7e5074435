package io.planpulse.indicators.service;

import io.planpulse.indicators.domain.ReportRow;
import java.util.List;

/** A batch as read from JSON or CSV: its rows and how to store them. */
public record BatchRequest(List<ReportRow> rows, boolean atomic, boolean dryRun) {

    public BatchRequest {
        rows = List.copyOf(rows);
    }
}
