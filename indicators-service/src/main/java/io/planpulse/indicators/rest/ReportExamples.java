package io.planpulse.indicators.rest;

/** Examples for the OpenAPI document. */
final class ReportExamples {

    private ReportExamples() {
    }

    static final String REPORT = """
            {"indicatorId": "YXE-TRAINS", "period": "2021-03", "value": 160, "provisional": true,
             "note": "快报数", "source": "快报"}""";

    static final String WITHDRAWAL = """
            {"indicatorId": "YXE-TRAINS", "period": "2021-03", "withdrawn": true, "reason": "误报为片区口径"}""";

    static final String CREATED = """
            {"indicatorId": "YXE-TRAINS", "period": "2021-03", "revision": 1, "outcome": "CREATED", "warnings": []}""";

    static final String REFUSED = """
            {"type": "urn:planpulse:problem:period-in-future", "title": "Unprocessable Content", "status": 422,
             "detail": "2031-03 begins after today (2026-03-15, Asia/Shanghai)", "code": "PERIOD_IN_FUTURE"}""";

    static final String BATCH = """
            {"atomic": false, "dryRun": false, "reports": [
              {"indicatorId": "YXE-TRAINS", "period": "2021-01", "value": 110},
              {"indicatorId": "YXE-TRAINS", "period": "2021-02", "value": 95},
              {"indicatorId": "FTZ-FX-SETTLEMENT", "period": "2021-03", "value": 48, "provisional": true}
            ]}""";

    static final String SUMMARY = """
            {"received": 3, "created": 2, "revised": 0, "unchanged": 0, "withdrawn": 0, "rejected": 1,
             "warnings": [{"index": 1, "code": "OUTLIER", "message": "9500 is far from 110 reported for 2021-01: check the unit (万元/亿元)"}],
             "conflicts": [{"index": 2, "indicatorId": "FTZ-FX-SETTLEMENT", "period": "2021-03", "code": "FORBIDDEN_INDICATOR",
                            "message": "department TRANSPORT does not own FTZ-FX-SETTLEMENT (owners: PBOC, FTZ)"}],
             "atomic": false, "dryRun": false, "stored": true}""";

    static final String CSV = """
            indicatorId,period,value,provisional,note,reason
            YXE-TRAINS,2021-01,110,false,,
            YXE-TRAINS,2021-02,95,true,春节因素,
            """;
}
