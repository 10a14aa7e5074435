package io.planpulse.reporting.domain;

import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Window;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What a progress computation uses: the indicator as defined at the as-of instant, its revisions,
 * those of its benchmark and subject (empty where it has none), the plan's window and time zone,
 * and the as-of instant, which is also the clock.
 */
public record ProgressInput(
        Indicator indicator,
        List<Revision> revisions,
        List<Revision> benchmarkRevisions,
        List<Revision> subjectRevisions,
        Window planWindow,
        ZoneId timeZone,
        Instant asOf) {

    public ProgressInput {
        revisions = List.copyOf(revisions);
        benchmarkRevisions = List.copyOf(benchmarkRevisions);
        subjectRevisions = List.copyOf(subjectRevisions);
    }

    public static ProgressInput of(Indicator indicator, List<Revision> revisions, ZoneId timeZone, Instant asOf) {
        return new ProgressInput(indicator, revisions, List.of(), List.of(), null, timeZone, asOf);
    }
}
