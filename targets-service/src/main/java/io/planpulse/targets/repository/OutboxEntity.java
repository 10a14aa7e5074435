package io.planpulse.targets.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting to be relayed to Kafka, written in the same transaction as the change it
 * describes. A null payload is a tombstone.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String topic;

    @Column(name = "message_key")
    public String messageKey;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_id")
    public UUID eventId;

    public String subject;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public int version;

    public String payload;
}
