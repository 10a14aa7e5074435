package io.planpulse.model.event;

/**
 * Where a revision stands in the plan office's review (DESIGN §5, "Review"). A revision of a plan
 * without review has none: it is official from its receipt.
 */
public enum ReviewState {
    /** Waiting for the office: on the submitted basis, not yet on the official one. */
    SUBMITTED,
    /** Official from the instant of its approval. */
    APPROVED,
    /** Sent back to its department with a comment; never official, until a corrected revision is approved. */
    RETURNED
}
