package io.planpulse.reporting.rest;

/** Examples for the OpenAPI document. */
final class ProgressExamples {

    private ProgressExamples() {
    }

    static final String INDICATOR = """
            {"indicatorId": "YXE-TRAINS", "planId": "fyp14", "name": "义新欧班列开行列数",
             "nameEn": "Yiwu–Xinjiang–Europe freight trains run", "kind": "CUMULATIVE", "unit": "列",
             "status": "AT_RISK", "reason": null, "period": "2021-03", "actual": 365, "baseline": null, "target": 1500,
             "expected": 375, "progress": 0.24333333333333335, "expectedProgress": 0.25, "gap": -0.006666666666666654,
             "forecast": 1460, "forecastMeetsTarget": false, "requiredRate": null, "requiredPerPeriod": 126.11111111111111,
             "late": false, "provisional": false, "awaitingBenchmark": false, "compliance": null, "missingPeriods": [],
             "revision": 1, "version": 4, "asOf": "2021-04-10T02:00:00Z", "computedAt": "2021-04-10T02:00:00Z",
             "explanation": {"zh": "2021-01..2021-12共12期，至2021-03已过3期（序时25%），逐期加总得365，为目标1500的24.33%，慢于序时0.67个百分点。",
                             "en": "2021-01..2021-12 has 12 periods; by 2021-03 3 have passed (25% of the time); the periods add up to 365, 24.33% of the target 1500, 0.67 points behind schedule."}}""";

    static final String PLAN = """
            {"planId": "fyp14", "name": "丽水市国民经济和社会发展第十四个五年规划", "asOf": "2021-04-10T02:00:00Z",
             "rollup": {"status": "AT_RISK", "counts": {"MISSED": 0, "OFF_TRACK": 0, "AT_RISK": 1, "ON_TRACK": 2,
                        "ACHIEVED": 0, "NO_DATA": 17}, "onTrackShare": 0.6666666666666666, "bindingStatus": "NO_DATA"},
             "nodes": [{"id": "overall", "name": "发展目标", "nameEn": "Overall targets",
                        "rollup": {"status": "ON_TRACK", "counts": {"ON_TRACK": 2}, "onTrackShare": 1.0,
                                   "bindingStatus": "NO_DATA"},
                        "indicators": ["…progress documents…"], "children": []}]}""";
}
