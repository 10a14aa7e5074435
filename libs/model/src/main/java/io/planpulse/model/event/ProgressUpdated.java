package io.planpulse.model.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code planpulse.progress.updated} on {@code indicator.progress.v1}, key = the indicator id: the
 * progress document of DESIGN §7 with its per-indicator {@code version} (and the indicator's names,
 * for readers that show it); a consumer keeps the one with the highest version. Numbers that do not
 * apply to the kind are null.
 */
public record ProgressUpdated(
        String indicatorId,
        String planId,
        String name,
        String nameEn,
        String kind,
        String unit,
        String status,
        String reason,
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
        int version,
        Instant asOf,
        Instant computedAt,
        Explanation explanation) {

    /** The rule applied and the numbers it used, in Chinese and English. */
    public record Explanation(String zh, String en) {
    }
}
