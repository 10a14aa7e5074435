package io.planpulse.reporting.domain;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of an indicator as known at an instant, period by period: what its trend chart draws.
 * A CUMULATIVE indicator summed period by period is drawn as its running total, so it can be read
 * against its target; every other indicator as reported.
 */
public final class Trend {

    private Trend() {
    }

    /** Per period of the indicator's grain, the latest revision received by {@code asOf}, unless withdrawn. */
    public static List<TrendPoint> of(List<Revision> revisions, Indicator indicator, Instant asOf) {
        List<TrendPoint> points = ValueSeries.of(revisions, indicator.frequency(), asOf).points();
        if (indicator.kind() != IndicatorKind.CUMULATIVE || indicator.basis() == Basis.YTD) {
            return points;
        }
        List<TrendPoint> running = new ArrayList<>(points.size());
        double total = 0;
        for (TrendPoint p : points) {
            total += p.value();
            running.add(new TrendPoint(p.period(), total, p.provisional()));
        }
        return running;
    }
}
