package io.planpulse.targets.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored plan: its canonical document and the version that every effective change raises. */
@Entity
@Table(name = "plan")
public class PlanEntity {

    @Id
    public String id;

    public String name;

    /** The plan document (DESIGN §3) as canonical JSON. */
    public String document;

    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** Set when the plan was deleted; the row stays so that a re-created plan continues its versions. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean isLive() {
        return deletedAt == null;
    }
}
