package io.planpulse.model.plan;

/**
 * How a plan's office runs its monitoring rounds (the document's {@code settings}, DESIGN §3). A
 * plan without the block has none: every accepted value is official and nothing is owed, as
 * before the block existed.
 *
 * @param office             the plan office: the department of the plan whose planners review, or
 *                           null where the plan names none
 * @param review             whether a pushed value is submitted, to become official only once
 *                           reviewed; requires an office
 * @param explanationDueDays days after a round's status shows an indicator lagging until its
 *                           department's explanation is due
 */
public record PlanSettings(String office, boolean review, int explanationDueDays) {

    public static final int DEFAULT_EXPLANATION_DUE_DAYS = 15;
}
