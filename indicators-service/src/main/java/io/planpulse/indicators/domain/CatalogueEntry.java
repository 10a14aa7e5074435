package io.planpulse.indicators.domain;

import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Window;
import java.time.ZoneId;

/**
 * What the catalogue knows of a live indicator: its definition, and its plan's time zone, window,
 * office (null: none) and whether that office reviews pushed values.
 */
public record CatalogueEntry(String planId, Indicator indicator, ZoneId timeZone, Window planWindow, String office,
                             boolean review) {
}
