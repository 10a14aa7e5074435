package io.planpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The province plan: copies of every template per city, references rewired, and what the load reports. */
class ProvincePlanTest {

    private static final String TEMPLATE = """
            {"id": "fyp14", "window": {"from": "2021", "to": "2025"}, "timeZone": "Asia/Shanghai",
             "departments": [{"code": "STATS", "name": "统计局"}],
             "indicators": [
               {"id": "GDP", "kind": "LEVEL", "frequency": "YEAR", "baseline": {"period": "2020", "value": 4700}},
               {"id": "TOTAL", "kind": "LEVEL", "frequency": "YEAR", "baseline": {"period": "2020"}},
               {"id": "PROV", "kind": "SERIES", "frequency": "YEAR"},
               {"id": "FTZ", "kind": "SERIES", "frequency": "YEAR"},
               {"id": "VS", "kind": "RELATIVE", "frequency": "YEAR", "benchmark": "PROV", "subject": "FTZ"},
               {"id": "TRAINS", "kind": "CUMULATIVE", "frequency": "MONTH"},
               {"id": "FIRMS", "kind": "GROWTH", "frequency": "YEAR", "input": "AMOUNT"},
               {"id": "DEPOT", "kind": "MILESTONE", "frequency": "MONTH"}]}""";

    @Test
    void everyCityHasItsOwnCopiesWithReferencesToItsOwnSeries() throws Exception {
        JsonNode template = Api.JSON.readTree(TEMPLATE);
        ProvincePlan plan = new ProvincePlan(template, 'C', 3, 11);
        assertEquals(3, plan.plans.size());
        JsonNode second = plan.plans.get(1);
        assertEquals("prov-c002", second.path("id").asText());
        assertEquals(11, second.path("indicators").size());
        JsonNode relative = second.path("indicators").get(4);
        assertEquals("C002-004-VS", relative.path("id").asText());
        assertEquals("C002-002-PROV", relative.path("benchmark").asText());
        assertEquals("C002-003-FTZ", relative.path("subject").asText());
        assertEquals(11, second.path("nodes").get(0).path("indicators").size());
    }

    @Test
    void theLoadReportsOnlyIndicatorsJudgedOnTheirOwnValueEachInOnePeriodOfItsGrain() throws Exception {
        ProvincePlan plan = new ProvincePlan(Api.JSON.readTree(TEMPLATE), 'C', 1, 8);
        assertEquals(java.util.List.of("C001-000-GDP 2023", "C001-002-PROV 2021", "C001-003-FTZ 2021",
                "C001-005-TRAINS 2021-06"), plan.targets.stream().map(t -> t.indicatorId() + " " + t.period()).toList());
        assertTrue(plan.targets.stream().noneMatch(t -> t.indicatorId().endsWith("FIRMS")));
    }
}
