package io.planpulse.targets.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored indicator: its definition as canonical JSON, where it sits in the tree, and its version. */
@Entity
@Table(name = "indicator")
public class IndicatorEntity {

    @Id
    public String id;

    @Column(name = "plan_id")
    public String planId;

    public String kind;

    public String frequency;

    /** The indicator's part of the plan document, as canonical JSON. */
    public String definition;

    /** The ids of the nodes from the top of the tree to the one that lists the indicator, joined by '/'. */
    @Column(name = "node_path")
    public String nodePath;

    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Set when the indicator was dropped from its plan; a re-defined id continues its versions. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean isLive() {
        return deletedAt == null;
    }
}
