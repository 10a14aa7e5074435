package io.planpulse.model.plan;

/** Whether a report covers its own period (PERIOD) or the year so far (YTD, 累计). */
public enum Basis {
    PERIOD,
    YTD
}
