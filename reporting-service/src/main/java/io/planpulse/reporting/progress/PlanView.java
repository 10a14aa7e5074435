package io.planpulse.reporting.progress;

import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.event.RollupUpdated;
import io.planpulse.reporting.repository.StoredIndicator;
import java.time.Instant;
import java.util.Map;

/**
 * A plan as known at an instant: its definition, every indicator's definition and progress (in the
 * plan's order), and the roll-up of the plan, every node and every department, by key.
 */
public record PlanView(PlanDefined plan, Instant asOf, Map<String, Entry> indicators, Map<String, RollupUpdated> rollups) {

    /** An indicator's stored definition and its progress document. */
    public record Entry(StoredIndicator stored, ProgressUpdated document) {
    }
}
