package io.planpulse.indicators.domain;

import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Window;
import java.time.ZoneId;

/** What the catalogue knows of a live indicator: its definition and its plan's time zone and window. */
public record CatalogueEntry(String planId, Indicator indicator, ZoneId timeZone, Window planWindow) {
}
