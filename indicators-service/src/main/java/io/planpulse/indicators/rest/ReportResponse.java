package io.planpulse.indicators.rest;

import io.planpulse.indicators.domain.Outcome;
import java.util.List;

/** The answer to one report: which revision it is, what it did, and its warnings. */
public record ReportResponse(String indicatorId, String period, int revision, Outcome outcome, List<WarningView> warnings) {

    public record WarningView(String code, String message) {
    }
}
