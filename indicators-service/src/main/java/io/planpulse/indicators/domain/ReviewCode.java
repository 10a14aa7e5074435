package io.planpulse.indicators.domain;

/** Why a review is refused (DESIGN §5, "Review"), with the HTTP status it answers. */
public enum ReviewCode {
    /** No value of this indicator and period was ever accepted, or the indicator is unknown. */
    NOT_FOUND(404),
    /** The caller is neither a planner of the plan's office nor an admin. */
    FORBIDDEN_REVIEW(403),
    /** Four eyes: the reviewer sent this revision. */
    OWN_VALUE(403),
    /** The latest revision is not waiting for review (official at receipt, approved or returned). */
    NOT_SUBMITTED(409),
    /** The revision named was replaced by a newer one: that one is what waits. */
    SUPERSEDED(409),
    /** A department's round with no value waiting for review. */
    NOTHING_TO_REVIEW(422);

    private final int status;

    ReviewCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
