package io.planpulse.indicators.domain;

/** What is stored but flagged for a second look (DESIGN §5). */
public enum WarningCode {
    /** A year-to-date amount below the earlier period's of the same year. */
    YTD_DECREASE,
    /** A value ≥ 10× or ≤ 1/10 of the previous period's, or of the other sign: the usual 万元/亿元 slip. */
    OUTLIER
}
