package io.planpulse.targets.service;

import java.time.Instant;

/** Who makes a change, why, and when (from the service's clock). */
record ChangeContext(String actor, String reason, Instant at) {
}
