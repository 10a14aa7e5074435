package io.planpulse.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.planpulse.model.plan.Baseline;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Trajectory;
import io.planpulse.model.plan.Window;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event records and the AsyncAPI document that subscribers read (docs/asyncapi.yaml) say the
 * same: every payload, written as the services write it (with or without nulls), meets its schema.
 */
class EventSchemaTest {

    private static final Path ASYNCAPI = Path.of("..", "..", "docs", "asyncapi.yaml");
    private static final Instant AT = Instant.parse("2026-03-15T02:00:00Z");

    private static final ObjectMapper WITH_NULLS = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper WITHOUT_NULLS = WITH_NULLS.copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Indicator GDP = new Indicator("GDP-TOTAL", "地区生产总值", "GDP", "亿元", "100 million yuan",
            IndicatorKind.LEVEL,
            Grain.YEAR, Direction.UP, List.of("STATS"), false, BigDecimal.ONE, new BigDecimal("0.1"), 90, null, null,
            Trajectory.COMPOUND, new Baseline("2020", null), new Target("2025", null, null, new BigDecimal("6600")), null,
            null, null, null, "“十四五”末达到6600亿元");
    private static final Indicator TRAINS = new Indicator("YXE-TRAINS", "义新欧班列", null, "列", null, IndicatorKind.CUMULATIVE,
            Grain.MONTH, Direction.UP, List.of("TRANSPORT", "FTZ"), false, BigDecimal.ONE, new BigDecimal("0.1"), 20,
            Basis.PERIOD, null, null, null, new Target("2021", null, null, new BigDecimal("1500")), null, null, null, null,
            null);

    private static Schema schema(String name) throws IOException {
        JsonNode doc = new YAMLMapper().readTree(ASYNCAPI.toFile());
        ObjectNode root = WITH_NULLS.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", doc.at("/components/schemas"));
        root.put("$ref", "#/$defs/" + name);
        String text = WITH_NULLS.writeValueAsString(root).replace("#/components/schemas/", "#/$defs/");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
    }

    private static void assertMeets(String schemaName, Object event) throws IOException {
        Schema schema = schema(schemaName);
        for (ObjectMapper mapper : List.of(WITH_NULLS, WITHOUT_NULLS)) {
            JsonNode payload = mapper.valueToTree(event);
            assertEquals(List.of(), schema.validate(payload).stream().map(Object::toString).toList(),
                    schemaName + " " + payload);
        }
    }

    @Test
    void everyPayloadMeetsItsSchema() throws IOException {
        assertMeets("IndicatorDefined", new IndicatorDefined("GDP-TOTAL", 3, "fyp14", "Asia/Shanghai", List.of("overall"), GDP));
        assertMeets("IndicatorDefined", new IndicatorDefined("YXE-TRAINS", 1, "fyp14", "Asia/Shanghai",
                List.of("ftz", "ftz-five-freedoms"), TRAINS));
        assertMeets("PlanDefined", new PlanDefined("fyp14", 2, "丽水市“十四五”规划", null, new Window("2021", "2025"),
                "Asia/Shanghai", List.of(new Department("STATS", "市统计局", "Statistics Bureau")),
                List.of(new PlanNode("overall", "发展目标", null, List.of("GDP-TOTAL"),
                        List.of(new PlanNode("sub", "子项", "Sub", List.of(), List.of())))),
                List.of("GDP-TOTAL"), null));
        assertMeets("PlanDefined", new PlanDefined("fyp14", 3, "丽水市“十四五”规划", null, new Window("2021", "2025"),
                "Asia/Shanghai", List.of(new Department("DRC", "市发改委", null)), List.of(), List.of(),
                new PlanSettings("DRC", true, 15)));
        assertMeets("ReportAccepted", new ReportAccepted("YXE-TRAINS", "2021-03", 2, new BigDecimal("160"), true, false,
                "快报", null, "月报", new ReportAccepted.ReportedBy("TRANSPORT", "reporter-transport"), AT, null));
        assertMeets("ReportAccepted", new ReportAccepted("YXE-TRAINS", "2021-03", 3, null, false, true, null, "误报",
                null, new ReportAccepted.ReportedBy(null, "admin"), AT, ReviewState.SUBMITTED));
        assertMeets("ReportReviewed", new ReportReviewed("YXE-TRAINS", "2021-03", 3, ReviewState.APPROVED, null,
                new ReportAccepted.ReportedBy("DRC", "planner-drc"), AT));
        assertMeets("ReportReviewed", new ReportReviewed("YXE-TRAINS", "2021-03", 2, ReviewState.RETURNED,
                "与快报不符，请核实", new ReportAccepted.ReportedBy(null, "admin"), AT));
        assertMeets("ProgressUpdated", new ProgressUpdated("YXE-TRAINS", "fyp14", "义新欧班列", null, "CUMULATIVE", "列",
                "AT_RISK", null, "2021-03", 365.0, null, 1500.0, 375.0, 0.2433, 0.25, -0.0067, 1460.0, false, null, 126.1,
                true, false, false, null, List.of(), 1, 4, AT, AT, new ProgressUpdated.Explanation("说明", "explanation")));
        assertMeets("ProgressUpdated", new ProgressUpdated("FTZ-GDP-VS-PROV", "fyp14", null, null, "RELATIVE", null,
                "NO_DATA", "NO_BENCHMARK", null, null, null, 2.0, null, null, null, null, null, null, null, null, false,
                false, true, null, List.of(), null, 1, AT, AT, new ProgressUpdated.Explanation("暂无数据", "No data")));
        assertMeets("StatusChanged", new StatusChanged("YXE-TRAINS", "2021-03", "2021-03", "AT_RISK", "OFF_TRACK",
                StatusChanged.Cause.REVISION, 5, new StatusChanged.Explanation("2021-Q1", 2, "线路检修", "加开班列",
                        "2021-Q3", "zh")));
        assertMeets("StatusChanged", new StatusChanged("ECO-DEMO-CITY", null, null, "NO_DATA", "MISSED",
                StatusChanged.Cause.CLOCK, 2, null));
        assertMeets("RollupUpdated", new RollupUpdated("node:fyp14/ftz", "fyp14", RollupUpdated.Scope.NODE, "ftz",
                Map.of("ON_TRACK", 2, "AT_RISK", 1, "NO_DATA", 4), "AT_RISK", "NO_DATA", 0.666, 7));
        assertMeets("RoundPublished", new RoundPublished("fyp14", "2025-Q4", 2, AT,
                new ReportAccepted.ReportedBy("DRC", "planner-drc"),
                List.of(new RoundPublished.Figure("YXE-TRAINS", "AT_RISK", "2025-12", 1460.0, 2),
                        new RoundPublished.Figure("ECO-DEMO-CITY", "NO_DATA", null, null, null)),
                List.of(new RoundPublished.Value("YXE-TRAINS", "2025-12", 2, new BigDecimal("126.5")))));
        assertMeets("RoundReopened", new RoundReopened("fyp14", "2025-Q4", 1, "统计局更正了12月数据", AT,
                new ReportAccepted.ReportedBy(null, "admin")));
        assertMeets("ExplanationGiven", new ExplanationGiven("fyp14", "2025-Q4", "YXE-TRAINS", 2, "AT_RISK", "线路检修",
                "加开班列", "2026-Q1", "zh", new ReportAccepted.ReportedBy("TRANSPORT", "reporter-transport"), AT));
        assertMeets("RollupUpdated", new RollupUpdated("dept:fyp14/STATS", "fyp14", RollupUpdated.Scope.DEPARTMENT, "STATS",
                Map.of("NO_DATA", 3), "NO_DATA", "NO_DATA", null, 1));
    }

    /** A field a record gains reaches subscribers only if the document they read names it. */
    @Test
    void everyFieldOfAPayloadIsDeclared() throws IOException {
        JsonNode schemas = new YAMLMapper().readTree(ASYNCAPI.toFile()).at("/components/schemas");
        for (Class<?> type : List.of(Indicator.class, PlanNode.class, IndicatorDefined.class, PlanDefined.class,
                PlanSettings.class, ReportAccepted.class, ReportReviewed.class, RoundPublished.class, RoundReopened.class, ExplanationGiven.class, ProgressUpdated.class, StatusChanged.class, RollupUpdated.class)) {
            JsonNode properties = type == PlanSettings.class
                    ? schemas.at("/PlanDefined/properties/settings/properties")
                    : schemas.at("/" + type.getSimpleName() + "/properties");
            for (RecordComponent field : type.getRecordComponents()) {
                assertTrue(properties.has(field.getName()), type.getSimpleName() + "." + field.getName()
                        + " is not in docs/asyncapi.yaml");
            }
        }
    }

    @Test
    void aPayloadThatBreaksTheContractIsCaught() throws IOException {
        ObjectNode broken = WITH_NULLS.valueToTree(new StatusChanged("X", null, null, "AT_RISK", "LOST",
                StatusChanged.Cause.REPORT, 1, null));
        assertFalse(schema("StatusChanged").validate(broken).isEmpty());
        ObjectNode noVersion = WITH_NULLS.valueToTree(new IndicatorDefined("GDP-TOTAL", 3, "fyp14", null, List.of(), GDP));
        noVersion.remove("version");
        assertFalse(schema("IndicatorDefined").validate(noVersion).isEmpty());
        ObjectNode badPeriod = WITH_NULLS.valueToTree(new ReportAccepted("X", "2021-13", 1, BigDecimal.ONE, false, false,
                null, null, null, new ReportAccepted.ReportedBy("D", "s"), AT, null));
        assertFalse(schema("ReportAccepted").validate(badPeriod).isEmpty());
        ObjectNode submittedDecision = WITH_NULLS.valueToTree(new ReportReviewed("X", "2021", 1, ReviewState.SUBMITTED,
                null, new ReportAccepted.ReportedBy("D", "s"), AT));
        assertFalse(schema("ReportReviewed").validate(submittedDecision).isEmpty());
    }
}
