package io.planpulse.model.plan;

/** The period grain of an indicator's reports, with the number of periods per year. */
public enum Grain {
    YEAR(1, 90),
    HALF(2, 45),
    QUARTER(4, 30),
    MONTH(12, 20);

    private final int perYear;
    private final int defaultDueDays;

    Grain(int perYear, int defaultDueDays) {
        this.perYear = perYear;
        this.defaultDueDays = defaultDueDays;
    }

    /** K: periods per year. */
    public int perYear() {
        return perYear;
    }

    /** Days after a period ends when its report is due, unless the indicator says otherwise. */
    public int defaultDueDays() {
        return defaultDueDays;
    }
}
