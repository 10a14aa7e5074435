package io.planpulse.reporting.domain;

import io.planpulse.model.plan.IndicatorKind;
import java.time.Instant;
import java.util.List;

/**
 * An indicator's progress as of an instant (DESIGN §7, less what the service adds: plan, version,
 * time of computation). Numbers that do not apply to the kind, or cannot be computed, are null;
 * none is ever NaN or infinite.
 *
 * @param period   p: the latest period with a usable value
 * @param revision the revision of the value used for p
 */
public record Progress(
        String indicatorId,
        IndicatorKind kind,
        String unit,
        Status status,
        NoDataReason reason,
        String period,
        Double actual,
        Double baseline,
        Double target,
        Double expected,
        Double progress,
        Double expectedProgress,
        Double gap,
        Double forecast,
        Boolean forecastMeetsTarget,
        Double requiredRate,
        Double requiredPerPeriod,
        boolean late,
        boolean provisional,
        boolean awaitingBenchmark,
        Double compliance,
        List<String> missingPeriods,
        Integer revision,
        Instant asOf,
        Explanation explanation) {

    public Progress {
        missingPeriods = List.copyOf(missingPeriods);
    }
}
