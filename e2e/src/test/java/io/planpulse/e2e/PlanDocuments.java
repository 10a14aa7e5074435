package io.planpulse.e2e;

/** Plan documents the end-to-end tests put besides the shipped plan. */
final class PlanDocuments {

    private PlanDocuments() {
    }

    /**
     * A plan of one department (ECOENV) with one quarterly threshold indicator: PM2.5 at most 35 over
     * 2021–2022.
     */
    static String airQuality(String planId, String name, String indicatorId) {
        return """
                id: %s
                name: %s
                window: { from: "2021", to: "2022" }
                departments: [ { code: ECOENV, name: 市生态环境局 } ]
                nodes: [ { id: air, name: 空气, indicators: [%s] } ]
                indicators:
                  - { id: %s, name: PM2.5年均浓度, unit: 微克/立方米, kind: THRESHOLD, frequency: QUARTER,
                      direction: DOWN, owners: [ECOENV], target: { from: "2021", to: "2022", value: 35 } }
                """.formatted(planId, name, indicatorId, indicatorId);
    }
}
