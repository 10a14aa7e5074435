package io.planpulse.reporting.progress;

import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ReportAccepted;
import io.planpulse.model.event.ReportReviewed;
import java.time.Instant;

/** One input from the topics, as reporting-service applies it. */
public sealed interface Input {

    record Report(ReportAccepted report) implements Input {
    }

    record Review(ReportReviewed decision) implements Input {
    }

    record IndicatorVersion(IndicatorDefined event, Instant at) implements Input {
    }

    record IndicatorRemoval(String indicatorId, int version, Instant at) implements Input {
    }

    record PlanVersion(PlanDefined event, Instant at) implements Input {
    }

    record PlanRemoval(String planId, int version, Instant at) implements Input {
    }
}
