package io.planpulse.reporting.domain;

/** Why an indicator has status NO_DATA. */
public enum NoDataReason {
    /** Nothing usable reported yet. */
    NO_VALUE("尚无上报数据", "nothing reported yet"),
    /** A LEVEL without a declared baseline value and no report for the baseline period. */
    NO_BASELINE("缺少基期数据", "no baseline value"),
    /** A COMPOUND trajectory whose reported baseline is not above 0. */
    NOT_POSITIVE("基期数据不为正，无法按复合增长计算", "the baseline is not above 0, so a compound path cannot be drawn"),
    /** Growth from amounts without the same period a year earlier (or with 0 there). */
    NO_COMPARISON("缺少上年同期数据", "no value for the same period a year earlier"),
    /** A RELATIVE indicator whose subject and benchmark have no period in common. */
    NO_BENCHMARK("对标数据尚未发布", "no benchmark value for a reported period");

    private final String zh;
    private final String en;

    NoDataReason(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
