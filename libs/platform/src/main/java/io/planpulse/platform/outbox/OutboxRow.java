package io.planpulse.platform.outbox;

import java.time.Instant;
import java.util.UUID;

/** An event to relay: topic, key, CloudEvents attributes, version and JSON payload (null: a tombstone). */
public record OutboxRow(String topic, String key, String type, UUID eventId, String subject, Instant occurredAt,
                        int version, String payload) {
}
