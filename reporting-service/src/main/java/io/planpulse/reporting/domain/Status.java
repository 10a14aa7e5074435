package io.planpulse.reporting.domain;

/** An indicator's status (DESIGN §3), with its Chinese and English labels. */
public enum Status {
    MISSED("未完成", "Missed", 5),
    OFF_TRACK("严重滞后", "Off track", 4),
    AT_RISK("进度滞后", "At risk", 3),
    ON_TRACK("序时推进", "On track", 2),
    ACHIEVED("已完成", "Achieved", 1),
    NO_DATA("暂无数据", "No data", 0),
    NO_TARGET("监测指标", "Monitored", -1);

    private final String zh;
    private final String en;
    private final int severity;

    Status(String zh, String en, int severity) {
        this.zh = zh;
        this.en = en;
        this.severity = severity;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** How bad it is: a roll-up takes the most severe status among those with data. */
    public int severity() {
        return severity;
    }

    /** True for the statuses that count as having data in a roll-up. */
    public boolean hasData() {
        return severity > 0;
    }
}
