package io.planpulse.indicators.service;

import io.planpulse.indicators.domain.ReplaceScope;
import io.planpulse.indicators.domain.ReportRow;
import java.util.List;

/**
 * A batch as read from JSON, CSV or a workbook: its rows and how to store them.
 *
 * @param replace the scope the batch replaces, or null; a replace is always atomic
 */
public record BatchRequest(List<ReportRow> rows, boolean atomic, boolean dryRun, ReplaceScope replace) {

    public BatchRequest {
        rows = List.copyOf(rows);
        if (replace != null && !atomic) {
            throw new IllegalArgumentException("a replace is stored whole or not at all");
        }
    }
}
