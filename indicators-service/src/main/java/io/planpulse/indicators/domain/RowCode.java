package io.planpulse.indicators.domain;

/** Why a report row is refused (DESIGN §5). */
public enum RowCode {
    UNKNOWN_INDICATOR,
    PERIOD_INVALID,
    PERIOD_GRAIN_MISMATCH,
    PERIOD_OUTSIDE_WINDOW,
    PERIOD_IN_FUTURE,
    VALUE_INVALID,
    STAGE_INVALID,
    FORBIDDEN_INDICATOR,
    DUPLICATE_ROW,
    NOT_REPORTABLE,
    /** A withdrawal needs a reason. */
    REASON_REQUIRED,
    /** A withdrawal of a period that has no value to withdraw. */
    NOTHING_TO_WITHDRAW,
    /** A note over 2,000 characters, or a reason or source over 500. */
    TEXT_TOO_LONG,
    /** A note, reason or source with control characters (but tab and line breaks). */
    TEXT_INVALID,
    /** A field a report does not have. */
    UNKNOWN_FIELD,
    /** A row of a replace whose period lies outside the scope's range. */
    OUTSIDE_SCOPE,
    /** A replace whose scope reaches an indicator the caller may not report: the whole batch is refused (403). */
    FORBIDDEN_SCOPE
}
