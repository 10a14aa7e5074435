package io.planpulse.reporting.domain;

import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Window;
import java.time.LocalDate;
import java.util.Optional;

/**
 * When a monitoring round may be published or reopened, and when an explanation is owed for it
 * (DESIGN §7, "Rounds" and "Explanations"). Pure: the caller reads the plan, the round's latest
 * version and the values, and carries out what is allowed.
 */
public final class RoundRules {

    private RoundRules() {
    }

    /** Why an action on a round is refused: an HTTP status, a stable code and what to do. */
    public record Refusal(int status, String code, String message) {
    }

    /** Where a round stands: never published, published (its latest version stands), or reopened. */
    public enum State {
        NONE, PUBLISHED, REOPENED
    }

    /** May this person publish or reopen rounds of a plan with this office: a planner of it, or an admin? */
    public static boolean mayPublish(String dept, boolean admin, String office) {
        return admin || dept != null && dept.equals(office);
    }

    /**
     * A round of a plan with this window, on {@code today} in its time zone: it must lie within the
     * window and have ended (a round is reported on, published and explained once it is over).
     */
    public static Optional<Refusal> period(Period round, Window window, LocalDate today) {
        if (window != null && (round.start().isBefore(Period.parse(window.from()).orElseThrow().start())
                || round.end().isAfter(Period.parse(window.to()).orElseThrow().end()))) {
            return Optional.of(new Refusal(422, "ROUND_OUTSIDE_WINDOW", "round " + round + " is not within the plan's "
                    + "window " + window.from() + "–" + window.to()));
        }
        if (!round.end().isBefore(today)) {
            return Optional.of(new Refusal(422, "ROUND_IN_FUTURE", "round " + round + " ends on " + round.end()
                    + ": it is published and explained once it has ended (today is " + today + ")"));
        }
        return Optional.empty();
    }

    /**
     * Publishing {@code round} of a plan with this window, on {@code today} in its time zone: besides
     * {@link #period}, it must not stand published, and must hold an official value.
     */
    public static Optional<Refusal> publish(Period round, Window window, LocalDate today, State state,
                                            boolean hasValues) {
        Optional<Refusal> period = period(round, window, today);
        if (period.isPresent()) {
            return period;
        }
        if (state == State.PUBLISHED) {
            return Optional.of(new Refusal(409, "ALREADY_PUBLISHED", "round " + round + " is published; an admin "
                    + "reopens it, with a reason, before it is published again"));
        }
        if (!hasValues) {
            return Optional.of(new Refusal(422, "ROUND_EMPTY", "no indicator of the plan has an official value for a "
                    + "period within round " + round + ": there is nothing to publish"));
        }
        return Optional.empty();
    }

    /** The statuses that make a department owe an explanation: the indicator lags. */
    public static boolean lagging(String status) {
        return Status.AT_RISK.name().equals(status) || Status.OFF_TRACK.name().equals(status)
                || Status.MISSED.name().equals(status);
    }

    /** The day a round's explanation is due: {@code days} after the round ended. */
    public static LocalDate explanationDue(Period round, int days) {
        return round.end().plusDays(days);
    }

    /** Reopening a round: its latest version must stand published. */
    public static Optional<Refusal> reopen(Period round, State state) {
        if (state != State.PUBLISHED) {
            return Optional.of(new Refusal(409, "NOT_PUBLISHED", "round " + round + (state == State.NONE
                    ? " was never published" : " is already reopened") + ": there is nothing to reopen"));
        }
        return Optional.empty();
    }
}
