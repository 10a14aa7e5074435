package io.planpulse.indicators.domain;

import io.planpulse.model.event.ReviewState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a review may be carried out (DESIGN §5, "Review"): every revision it names must be
 * the latest of its period, waiting for review, in a plan whose office the caller plans for (or
 * the caller an admin), and sent by someone else. A review is all or nothing: one refusal refuses
 * it whole. Pure: the caller locks and loads the targets and stores the decisions.
 */
public final class ReviewJudge {

    private ReviewJudge() {
    }

    /** A refusal: which item ({@code items[i]}, or the scope), the code and what to do about it. */
    public record Refusal(String path, ReviewCode code, String message) {
    }

    /** The verdict: the revisions to decide, or else every refusal. */
    public record Verdict(List<ReviewTarget> decided, List<Refusal> refusals) {

        public Verdict {
            decided = List.copyOf(decided);
            refusals = List.copyOf(refusals);
        }
    }

    /** May this caller review the values of a plan with this office? */
    public static boolean mayReview(Caller caller, String office) {
        return caller.admin() || caller.dept() != null && caller.dept().equals(office);
    }

    /** Judges revisions named one by one against their periods' latest revisions (absent: none). */
    public static Verdict items(List<ReviewRequest.Item> items, Map<ReportKey, ReviewTarget> targets, Caller caller) {
        List<ReviewTarget> decided = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ReviewRequest.Item item = items.get(i);
            String path = "items[" + i + "]";
            ReviewTarget target = targets.get(item.key());
            if (target == null) {
                refusals.add(new Refusal(path, ReviewCode.NOT_FOUND, "no value of " + item.key() + " was ever accepted"));
            } else if (item.revision() > target.revision()) {
                refusals.add(new Refusal(path, ReviewCode.NOT_FOUND, item.key() + " has no revision " + item.revision()
                        + " (its latest is " + target.revision() + ")"));
            } else {
                judge(path, target, item.revision(), caller, decided, refusals);
            }
        }
        return new Verdict(decided, refusals);
    }

    /**
     * Judges a department's round: every target is its period's latest revision waiting for review;
     * the caller must review for the plan's office, and none of them may be the caller's own.
     */
    public static Verdict scope(ReviewRequest.Scope scope, String office, List<ReviewTarget> targets, Caller caller) {
        if (!mayReview(caller, office)) {
            return new Verdict(List.of(), List.of(forbidden("scope", scope.planId(), office)));
        }
        if (targets.isEmpty()) {
            return new Verdict(List.of(), List.of(new Refusal("scope", ReviewCode.NOTHING_TO_REVIEW, "no value of "
                    + scope.dept() + " in " + scope.planId() + " for round " + scope.round() + " waits for review")));
        }
        List<ReviewTarget> decided = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (ReviewTarget target : targets) {
            judge("scope:" + target.key(), target, target.revision(), caller, decided, refusals);
        }
        return new Verdict(decided, refusals);
    }

    private static void judge(String path, ReviewTarget target, int revision, Caller caller, List<ReviewTarget> decided,
                              List<Refusal> refusals) {
        if (!mayReview(caller, target.office())) {
            refusals.add(forbidden(path, target.key().indicatorId(), target.office()));
        } else if (revision < target.revision()) {
            refusals.add(new Refusal(path, ReviewCode.SUPERSEDED, "revision " + revision + " of " + target.key()
                    + " was replaced by revision " + target.revision() + ": review that one"));
        } else if (target.state() != ReviewState.SUBMITTED) {
            refusals.add(new Refusal(path, ReviewCode.NOT_SUBMITTED, "revision " + revision + " of " + target.key()
                    + (target.state() == null ? " was official on receipt: its plan's office did not review values then"
                    : " is already " + target.state().name().toLowerCase(java.util.Locale.ROOT))));
        } else if (target.reportedBySubject().equals(caller.subject())) {
            refusals.add(new Refusal(path, ReviewCode.OWN_VALUE, "revision " + revision + " of " + target.key()
                    + " was sent by you: another planner of the office or an admin reviews it"));
        } else {
            decided.add(target);
        }
    }

    private static Refusal forbidden(String path, String what, String office) {
        return new Refusal(path, ReviewCode.FORBIDDEN_REVIEW, office == null
                ? what + " belongs to a plan that names no office: only an admin reviews its values"
                : "only a planner of " + office + " (the plan office) or an admin reviews the values of " + what);
    }
}
