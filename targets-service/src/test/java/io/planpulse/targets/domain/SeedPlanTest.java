package io.planpulse.targets.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Plan;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.Trajectory;
import io.planpulse.model.plan.Window;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan the system ships with holds what DESIGN §4 lists, and is valid. */
class SeedPlanTest {

    static Plan seed() throws IOException {
        try (InputStream in = SeedPlanTest.class.getClassLoader().getResourceAsStream("seed/fyp14.yaml")) {
            Object document = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                    .readValue(in, Object.class);
            PlanValidation result = PlanReader.read(document, "fyp14", id -> Optional.empty());
            if (result instanceof PlanValidation.Invalid invalid) {
                throw new AssertionError("the shipped plan is invalid: " + invalid.violations());
            }
            return ((PlanValidation.Valid) result).plan();
        }
    }

    @Test
    void theShippedPlanIsValidWithChineseAndEnglishNames() throws IOException {
        Plan plan = seed();
        assertEquals("fyp14", plan.id());
        assertTrue(plan.name().contains("丽水市"));
        assertEquals(new Window("2021", "2025"), plan.window());
        for (Indicator indicator : plan.indicators()) {
            assertTrue(indicator.nameEn() != null && !indicator.nameEn().isBlank(), indicator.id() + " has an English name");
        }
        assertTrue(plan.nodePaths().keySet().containsAll(plan.indicators().stream().map(Indicator::id).toList()),
                "every indicator sits under a node");
    }

    static Stream<Arguments> designSection4() {
        return Stream.of(
                Arguments.of("GDP-AVG-GROWTH", IndicatorKind.AVERAGE_GROWTH, Grain.YEAR, "6.5"),
                Arguments.of("GDP-TOTAL", IndicatorKind.LEVEL, Grain.YEAR, "6600"),
                Arguments.of("PROV-GDP-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("PROV-TRADE-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("PROV-FDI-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("CITY-TRADE-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("CITY-FDI-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("FTZ-GDP-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("FTZ-TRADE-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("FTZ-FDI-GROWTH", IndicatorKind.SERIES, Grain.YEAR, null),
                Arguments.of("FTZ-GDP-VS-PROV", IndicatorKind.RELATIVE, Grain.YEAR, "2"),
                Arguments.of("FTZ-GDP-VS-CITY", IndicatorKind.RELATIVE, Grain.YEAR, "2"),
                Arguments.of("FTZ-TRADE-VS-PROV", IndicatorKind.RELATIVE, Grain.YEAR, "3"),
                Arguments.of("FTZ-TRADE-VS-CITY", IndicatorKind.RELATIVE, Grain.YEAR, "3"),
                Arguments.of("FTZ-FDI-VS-PROV", IndicatorKind.RELATIVE, Grain.YEAR, "3"),
                Arguments.of("FTZ-FDI-VS-CITY", IndicatorKind.RELATIVE, Grain.YEAR, "3"),
                Arguments.of("FTZ-NEW-FIRMS", IndicatorKind.GROWTH, Grain.YEAR, "0"),
                Arguments.of("FTZ-PILOTS", IndicatorKind.CUMULATIVE, Grain.YEAR, "260"),
                Arguments.of("FTZ-FX-SETTLEMENT", IndicatorKind.CUMULATIVE, Grain.MONTH, "200"),
                Arguments.of("YXE-TRAINS", IndicatorKind.CUMULATIVE, Grain.MONTH, "1500"),
                Arguments.of("FTZ-COMMODITY-DEPOT", IndicatorKind.MILESTONE, Grain.MONTH, null),
                Arguments.of("FAI-GROWTH", IndicatorKind.GROWTH, Grain.MONTH, "8"),
                Arguments.of("RD-UNIV", IndicatorKind.GROWTH, Grain.YEAR, "15"),
                Arguments.of("RD-INST", IndicatorKind.GROWTH, Grain.YEAR, "20"),
                Arguments.of("RD-FISCAL", IndicatorKind.GROWTH, Grain.YEAR, "15"),
                Arguments.of("SCI-ENCLAVES", IndicatorKind.CUMULATIVE, Grain.QUARTER, "42"),
                Arguments.of("HIGH-TECH-ZONE", IndicatorKind.MILESTONE, Grain.MONTH, null),
                Arguments.of("ECO-DEMO-CITY", IndicatorKind.MILESTONE, Grain.MONTH, null));
    }

    @ParameterizedTest(name = "{0} is a {1} by {2}")
    @MethodSource("designSection4")
    void holdsTheIndicatorsOfDesignSection4(String id, IndicatorKind kind, Grain grain, String value) throws IOException {
        Indicator indicator = seed().indicator(id).orElseThrow(() -> new AssertionError(id + " is missing"));
        assertEquals(kind, indicator.kind());
        assertEquals(grain, indicator.frequency());
        if (value != null) {
            assertEquals(0, new BigDecimal(value).compareTo(indicator.target().value()), id + " target value");
        }
    }

    @Test
    void theDetailsThatDesignSection4Names() throws IOException {
        Plan plan = seed();
        Indicator gdp = plan.indicator("GDP-TOTAL").orElseThrow();
        assertEquals(Trajectory.COMPOUND, gdp.trajectory());
        assertEquals("2020", gdp.baseline().period());
        assertEquals(Input.RATE, plan.indicator("GDP-AVG-GROWTH").orElseThrow().input());
        assertEquals("GDP-AVG-GROWTH", plan.indicator("FTZ-GDP-VS-CITY").orElseThrow().benchmark());
        assertEquals("FTZ-GDP-GROWTH", plan.indicator("FTZ-GDP-VS-PROV").orElseThrow().subject());
        assertEquals(Input.AMOUNT, plan.indicator("FTZ-NEW-FIRMS").orElseThrow().input());
        assertEquals(Basis.YTD, plan.indicator("FTZ-FX-SETTLEMENT").orElseThrow().basis());
        assertEquals(Basis.PERIOD, plan.indicator("YXE-TRAINS").orElseThrow().basis());
        assertEquals(Basis.YTD, plan.indicator("FAI-GROWTH").orElseThrow().basis());
        assertEquals(Basis.YTD, plan.indicator("SCI-ENCLAVES").orElseThrow().basis());
        assertEquals(List.of("申请", "获批", "开库"), plan.indicator("FTZ-COMMODITY-DEPOT").orElseThrow().stages());
        assertEquals("2021-12", plan.indicator("FTZ-COMMODITY-DEPOT").orElseThrow().target().period());
        assertEquals(List.of("申报", "获批"), plan.indicator("HIGH-TECH-ZONE").orElseThrow().stages());
        assertEquals(List.of("申报", "验收", "命名"), plan.indicator("ECO-DEMO-CITY").orElseThrow().stages());
        Map<String, List<String>> paths = plan.nodePaths();
        assertEquals(List.of("benchmarks"), paths.get("PROV-GDP-GROWTH"));
        assertEquals(List.of("four-actions", "talent-tech"), paths.get("RD-UNIV"));
        assertEquals(List.of("nine-constructions", "ftz", "four-actions"),
                plan.nodes().stream().map(PlanNode::id).filter(id -> !id.equals("overall") && !id.equals("benchmarks")).toList());
        assertInstanceOf(PlanNode.class, plan.nodes().get(1).children().get(8));
    }
}
