package io.planpulse.reporting.domain;

import io.planpulse.common.plan.Grain;
import java.time.Instant;
import java.util.List;

/** The values of an indicator as known at an instant, period by period: what its trend chart draws. */
public final class Trend {

    private Trend() {
    }

    /** Per period of the indicator's grain, the latest revision received by {@code asOf}, unless withdrawn. */
    public static List<TrendPoint> of(List<Revision> revisions, Grain grain, Instant asOf) {
        return ValueSeries.of(revisions, grain, asOf).points();
    }
}
