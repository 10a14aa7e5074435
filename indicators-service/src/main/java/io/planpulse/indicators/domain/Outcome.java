package io.planpulse.indicators.domain;

/** What an accepted report did to its period. */
public enum Outcome {
    /** The period's first revision. */
    CREATED,
    /** A new revision of a period reported before. */
    REVISED,
    /** The same value, provisional flag and note as the latest revision: nothing stored. */
    UNCHANGED,
    /** A revision that withdraws a misfiled value: the period counts as unreported. */
    WITHDRAWN
}
