package io.planpulse.indicators.domain;

/** An indicator's period: what revisions are numbered within. */
public record ReportKey(String indicatorId, String period) {

    @Override
    public String toString() {
        return indicatorId + "/" + period;
    }
}
