package io.planpulse.targets.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One version of an indicator: its definition (none once deleted), where it sat, who, when and why. */
@Entity
@Table(name = "indicator_version")
public class IndicatorVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "indicator_id")
    public String indicatorId;

    public int version;

    @Column(name = "plan_id")
    public String planId;

    @Enumerated(EnumType.STRING)
    public ChangeKind change;

    public String definition;

    @Column(name = "node_path")
    public String nodePath;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    public String reason;
}
