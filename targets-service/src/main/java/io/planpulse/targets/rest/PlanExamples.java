package io.planpulse.targets.rest;

/** Examples for the OpenAPI document. */
final class PlanExamples {

    private PlanExamples() {
    }

    static final String DOCUMENT_JSON = """
            {
              "id": "demo",
              "name": "示范市国民经济和社会发展第十四个五年规划",
              "nameEn": "Demo City 14th Five-Year Plan",
              "window": {"from": "2021", "to": "2025"},
              "timeZone": "Asia/Shanghai",
              "departments": [{"code": "STATS", "name": "市统计局", "nameEn": "Statistics Bureau"}],
              "nodes": [{"id": "economy", "name": "经济发展", "indicators": ["DEMO-GDP"], "children": []}],
              "indicators": [{
                "id": "DEMO-GDP", "name": "地区生产总值", "nameEn": "Gross domestic product", "unit": "亿元",
                "unitEn": "100 million yuan", "kind": "LEVEL", "frequency": "YEAR", "direction": "UP",
                "owners": ["STATS"], "binding": false, "baseline": {"period": "2020"},
                "target": {"period": "2025", "value": 6600}, "trajectory": "COMPOUND"
              }],
              "settings": {"office": "STATS", "review": true}
            }""";

    static final String DOCUMENT_YAML = """
            id: demo
            name: 示范市国民经济和社会发展第十四个五年规划
            window: { from: "2021", to: "2025" }
            departments:
              - { code: STATS, name: 市统计局 }
            nodes:
              - id: economy
                name: 经济发展
                indicators: [DEMO-GDP]
            indicators:
              - id: DEMO-GDP
                name: 地区生产总值
                unit: 亿元
                kind: LEVEL
                frequency: YEAR
                owners: [STATS]
                baseline: { period: "2020" }
                target: { period: "2025", value: 6600 }
                trajectory: COMPOUND
            """;

    static final String DOCUMENT_WITH_META = """
            {
              "id": "demo",
              "name": "示范市国民经济和社会发展第十四个五年规划",
              "window": {"from": "2021", "to": "2025"},
              "timeZone": "Asia/Shanghai",
              "departments": [{"code": "STATS", "name": "市统计局"}],
              "nodes": [{"id": "economy", "name": "经济发展", "indicators": ["DEMO-GDP"], "children": []}],
              "indicators": [{
                "id": "DEMO-GDP", "name": "地区生产总值", "unit": "亿元", "kind": "LEVEL", "frequency": "YEAR",
                "direction": "UP", "owners": ["STATS"], "binding": false, "weight": 1, "riskBand": 0.1,
                "dueDays": 90, "trajectory": "COMPOUND", "baseline": {"period": "2020"},
                "target": {"period": "2025", "value": 6600}
              }],
              "meta": {
                "version": 1, "etag": "\\"demo-v1\\"", "updatedAt": "2026-01-05T08:00:00Z", "updatedBy": "planner-1",
                "indicators": {"DEMO-GDP": {"version": 1, "updatedAt": "2026-01-05T08:00:00Z"}}
              }
            }""";

    static final String PROBLEM = """
            {
              "type": "urn:planpulse:problem:plan-invalid",
              "title": "Unprocessable Content",
              "status": 422,
              "detail": "the plan document has 2 problem(s); nothing was stored",
              "code": "PLAN_INVALID",
              "errors": [
                {"path": "indicators[0].target.period", "code": "TARGET_NOT_AFTER_BASELINE",
                 "message": "the target period 2019 must come after the baseline period 2020"},
                {"path": "nodes[0].indicators[1]", "code": "UNKNOWN_INDICATOR",
                 "message": "indicator GDP-X is not defined in this plan"}
              ]
            }""";
}
