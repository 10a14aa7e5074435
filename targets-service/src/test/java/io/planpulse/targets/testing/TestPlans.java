package io.planpulse.targets.testing;

/** Small plan documents for the HTTP and event tests. */
public final class TestPlans {

    private TestPlans() {
    }

    /**
     * A plan {@code id} with two indicators under one node: {@code <prefix>-GDP} (LEVEL, target
     * {@code target} in 2025) and {@code <prefix>-TRAINS} (CUMULATIVE, monthly, 1500 in 2021).
     */
    public static String small(String id, String prefix, int target) {
        return """
                {
                  "id": "%1$s",
                  "name": "测试规划 %1$s",
                  "window": {"from": "2021", "to": "2025"},
                  "departments": [{"code": "STATS", "name": "市统计局"}],
                  "nodes": [{"id": "economy", "name": "经济发展", "indicators": ["%2$s-GDP", "%2$s-TRAINS"]}],
                  "indicators": [
                    {"id": "%2$s-GDP", "name": "地区生产总值", "unit": "亿元", "kind": "LEVEL", "frequency": "YEAR",
                     "owners": ["STATS"], "baseline": {"period": "2020"}, "target": {"period": "2025", "value": %3$d},
                     "trajectory": "COMPOUND"},
                    {"id": "%2$s-TRAINS", "name": "班列", "unit": "列", "kind": "CUMULATIVE", "frequency": "MONTH",
                     "owners": ["STATS"], "target": {"period": "2021", "value": 1500}}
                  ]
                }""".formatted(id, prefix, target);
    }

    /** The same plan without its {@code <prefix>-TRAINS} indicator. */
    public static String withoutTrains(String id, String prefix, int target) {
        return small(id, prefix, target)
                .replace(", \"" + prefix + "-TRAINS\"]", "]")
                .replaceAll(",\\s*\\{\"id\": \"" + prefix + "-TRAINS\"[^}]*\\{[^}]*}}", "");
    }
}
