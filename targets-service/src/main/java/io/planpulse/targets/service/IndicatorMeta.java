package io.planpulse.targets.service;

import java.time.Instant;

/** The read-only facts of a stored indicator: its version and when it last changed. */
public record IndicatorMeta(int version, Instant updatedAt) {
}
