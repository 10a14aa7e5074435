package io.planpulse.reporting.repository;

import io.planpulse.model.plan.Indicator;
import java.util.List;

/** A version of an indicator's definition as stored: where it sits, and the definition (null once deleted). */
public record StoredIndicator(String indicatorId, int version, String planId, String timeZone, List<String> nodePath,
                              Indicator definition, boolean deleted) {
}
