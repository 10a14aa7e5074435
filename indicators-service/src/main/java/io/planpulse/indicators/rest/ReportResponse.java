package io.planpulse.indicators.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.planpulse.indicators.domain.Outcome;
import io.planpulse.model.event.ReviewState;
import java.util.List;

/**
 * The answer to one report: which revision it is, what it did, its warnings, and where that revision
 * stands in review (absent where the plan's office does not review values).
 */
public record ReportResponse(String indicatorId, String period, int revision, Outcome outcome, List<WarningView> warnings,
                             @JsonInclude(JsonInclude.Include.NON_NULL) ReviewState review) {

    public record WarningView(String code, String message) {
    }
}
