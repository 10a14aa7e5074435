package io.planpulse.indicators.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * One report as sent, before it is checked: texts as given, the value when it was a finite number,
 * and the problems found while reading it (a value that is not a number, an unknown field).
 *
 * @param index     its place in the request, from 0
 * @param valueText the value as sent, for messages; null when absent
 */
public record ReportRow(
        int index,
        String indicatorId,
        String period,
        BigDecimal value,
        String valueText,
        boolean provisional,
        boolean withdrawn,
        String note,
        String reason,
        String source,
        List<RowIssue> readIssues) {

    public ReportRow {
        readIssues = List.copyOf(readIssues);
    }
}
