package io.planpulse.targets.domain;

import static io.planpulse.targets.domain.Documents.remove;
import static io.planpulse.targets.domain.Documents.set;
import static io.planpulse.targets.domain.ViolationCode.BENCHMARK_NOT_RATE;
import static io.planpulse.targets.domain.ViolationCode.DUPLICATE_ID;
import static io.planpulse.targets.domain.ViolationCode.ID_IN_OTHER_PLAN;
import static io.planpulse.targets.domain.ViolationCode.IMMUTABLE_FIELD;
import static io.planpulse.targets.domain.ViolationCode.INDICATOR_IN_TWO_NODES;
import static io.planpulse.targets.domain.ViolationCode.INVALID_VALUE;
import static io.planpulse.targets.domain.ViolationCode.MISSING_FIELD;
import static io.planpulse.targets.domain.ViolationCode.NOT_POSITIVE;
import static io.planpulse.targets.domain.ViolationCode.PERIOD_GRAIN_MISMATCH;
import static io.planpulse.targets.domain.ViolationCode.PERIOD_INVALID;
import static io.planpulse.targets.domain.ViolationCode.PLAN_ID_MISMATCH;
import static io.planpulse.targets.domain.ViolationCode.TARGET_EQUALS_BASELINE;
import static io.planpulse.targets.domain.ViolationCode.TARGET_NOT_AFTER_BASELINE;
import static io.planpulse.targets.domain.ViolationCode.UNKNOWN_BENCHMARK;
import static io.planpulse.targets.domain.ViolationCode.UNKNOWN_DEPARTMENT;
import static io.planpulse.targets.domain.ViolationCode.UNKNOWN_FIELD;
import static io.planpulse.targets.domain.ViolationCode.UNKNOWN_INDICATOR;
import static io.planpulse.targets.domain.ViolationCode.YTD_REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Direction;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.Input;
import io.planpulse.model.plan.Plan;
import io.planpulse.model.plan.PlanSettings;
import io.planpulse.model.plan.Trajectory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlanReaderTest {

    /** A valid plan with one indicator of every kind; each case below breaks one thing in it. */
    static final String VALID = """
            id: test
            name: 测试规划
            window: { from: "2021", to: "2025" }
            departments:
              - { code: STATS, name: 统计局 }
              - { code: DRC, name: 发改委 }
            nodes:
              - id: root
                name: 根
                indicators: [LVL]
                children:
                  - { id: child, name: 子, indicators: [CUM] }
            indicators:
              - { id: LVL, name: 总量, unit: 亿元, unitEn: 100 million yuan, kind: LEVEL, frequency: YEAR, owners: [STATS],
                  trajectory: COMPOUND,
                  baseline: { period: "2020", value: 4700 }, target: { period: "2025", value: 6600 } }
              - { id: CUM, name: 累计, unit: 列, kind: CUMULATIVE, frequency: MONTH, owners: [DRC, STATS],
                  target: { period: "2021", value: 1500 } }
              - { id: GRO, name: 增长, unit: "%", kind: GROWTH, frequency: MONTH, basis: YTD, owners: [DRC],
                  target: { period: "2021", value: 8 } }
              - { id: AVG, name: 年均, unit: "%", kind: AVERAGE_GROWTH, frequency: YEAR, owners: [STATS],
                  target: { from: "2021", to: "2025", value: 6.5 } }
              - { id: BEN, name: 基准, unit: "%", kind: SERIES, frequency: YEAR, owners: [STATS],
                  window: { from: "2021", to: "2025" } }
              - { id: REL, name: 相对, unit: pp, kind: RELATIVE, frequency: YEAR, owners: [STATS], benchmark: BEN,
                  target: { from: "2021", to: "2025", value: 2 } }
              - { id: MIL, name: 里程碑, kind: MILESTONE, frequency: MONTH, owners: [DRC], stages: [申报, 获批],
                  target: { period: "2025-12" } }
              - { id: THR, name: 阈值, unit: "%", kind: THRESHOLD, frequency: QUARTER, direction: DOWN, owners: [DRC],
                  target: { from: "2021-Q1", to: "2025-Q4", value: 5.5 } }
            settings: { office: DRC, review: true }
            """;

    private static PlanValidation read(Object document) {
        return PlanReader.read(document, "test", id -> Optional.empty());
    }

    private static Plan valid(Object document) {
        PlanValidation result = read(document);
        if (result instanceof PlanValidation.Invalid invalid) {
            throw new AssertionError("expected a valid plan, got " + invalid.violations());
        }
        return ((PlanValidation.Valid) result).plan();
    }

    @Test
    void aValidPlanReadsWithEveryDefaultApplied() {
        Plan plan = valid(Documents.yaml(VALID));
        assertEquals(8, plan.indicators().size());
        assertEquals(Plan.DEFAULT_TIME_ZONE, plan.timeZone());
        Indicator level = plan.indicator("LVL").orElseThrow();
        assertEquals(Direction.UP, level.direction());
        assertEquals(BigDecimal.ONE, level.weight());
        assertEquals(0, new BigDecimal("0.1").compareTo(level.riskBand()));
        assertEquals(90, level.dueDays());
        assertEquals(false, level.binding());
        Indicator cumulative = plan.indicator("CUM").orElseThrow();
        assertEquals(Basis.PERIOD, cumulative.basis());
        assertEquals(20, cumulative.dueDays());
        Indicator growth = plan.indicator("GRO").orElseThrow();
        assertEquals(Input.RATE, growth.input());
        assertEquals(0, BigDecimal.ONE.compareTo(growth.riskBand()));
        assertEquals(0, BigDecimal.ZERO.compareTo(plan.indicator("THR").orElseThrow().riskBand()));
        assertEquals(30, plan.indicator("THR").orElseThrow().dueDays());
        assertEquals(Direction.DOWN, plan.indicator("THR").orElseThrow().direction());
        assertEquals(0, BigDecimal.ZERO.compareTo(plan.indicator("MIL").orElseThrow().riskBand()));
        assertEquals(Trajectory.LINEAR, valid(withLevelTrajectoryRemoved()).indicator("LVL").orElseThrow().trajectory());
        assertEquals(Map.of("LVL", List.of("root"), "CUM", List.of("root", "child")), plan.nodePaths());
        assertEquals("100 million yuan", level.unitEn());
        assertEquals(null, cumulative.unitEn());
        assertEquals(new PlanSettings("DRC", true, PlanSettings.DEFAULT_EXPLANATION_DUE_DAYS), plan.settings());
    }

    @Test
    void aPlanWithoutSettingsHasNoneAndWritesNone() {
        Object doc = Documents.yaml(VALID);
        remove(doc, "settings");
        Plan plan = valid(doc);
        assertEquals(null, plan.settings());
        assertTrue(!PlanDocument.of(plan).containsKey("settings"));
        set(doc, "settings", Map.of("office", "STATS"));
        assertEquals(new PlanSettings("STATS", false, PlanSettings.DEFAULT_EXPLANATION_DUE_DAYS), valid(doc).settings());
    }

    private static Object withLevelTrajectoryRemoved() {
        Object doc = Documents.yaml(VALID);
        remove(doc, "indicators[0].trajectory");
        return doc;
    }

    @Test
    void theDocumentItWritesReadsBackToTheSamePlan() {
        Plan plan = valid(Documents.yaml(VALID));
        Map<String, Object> written = PlanDocument.of(plan);
        assertEquals(plan, valid(written));
        assertEquals(written, PlanDocument.of(valid(written)));
    }

    @Test
    void periodsMayBeWrittenAsNumbersAndNumbersCompareExactly() {
        Object doc = Documents.yaml(VALID.replace("{ period: \"2025\", value: 6600 }", "{ period: 2025, value: 6600.00 }"));
        Indicator level = valid(doc).indicator("LVL").orElseThrow();
        assertEquals("2025", level.target().period());
        assertEquals(new BigDecimal("6600"), level.target().value());
    }

    record Case(String name, Consumer<Object> breakIt, String path, ViolationCode code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case when(String name, Consumer<Object> breakIt, String path, ViolationCode code) {
        return new Case(name, breakIt, path, code);
    }

    static Stream<Case> oneProblemEach() {
        return Stream.of(
                when("a field the plan does not have", d -> set(d, "colour", "red"), "colour", UNKNOWN_FIELD),
                when("stages on a LEVEL", d -> set(d, "indicators[0].stages", List.of("a")), "indicators[0].stages", UNKNOWN_FIELD),
                when("a value on a milestone's due date", d -> set(d, "indicators[6].target.value", 1),
                        "indicators[6].target.value", UNKNOWN_FIELD),
                when("a target on a SERIES", d -> set(d, "indicators[4].target", Map.of("period", "2021", "value", 1)),
                        "indicators[4].target", UNKNOWN_FIELD),
                when("a setting the plan does not have", d -> set(d, "settings.calendar", "x"), "settings.calendar",
                        UNKNOWN_FIELD),
                when("review without a plan office", d -> remove(d, "settings.office"), "settings.office", MISSING_FIELD),
                when("a plan office that is no department of the plan", d -> set(d, "settings.office", "NDRC"),
                        "settings.office", UNKNOWN_DEPARTMENT),
                when("review that is not a boolean", d -> set(d, "settings.review", "on"), "settings.review", INVALID_VALUE),
                when("explanations due the same day", d -> set(d, "settings.explanationDueDays", 0),
                        "settings.explanationDueDays", INVALID_VALUE),
                when("an English unit of 33 characters", d -> set(d, "indicators[0].unitEn", "u".repeat(33)),
                        "indicators[0].unitEn", INVALID_VALUE),
                when("a field a node does not have", d -> set(d, "nodes[0].owner", "x"), "nodes[0].owner", UNKNOWN_FIELD),
                when("no plan name", d -> remove(d, "name"), "name", MISSING_FIELD),
                when("no window", d -> remove(d, "window"), "window", MISSING_FIELD),
                when("no target", d -> remove(d, "indicators[0].target"), "indicators[0].target", MISSING_FIELD),
                when("no baseline", d -> remove(d, "indicators[0].baseline"), "indicators[0].baseline", MISSING_FIELD),
                when("no owners", d -> remove(d, "indicators[1].owners"), "indicators[1].owners", MISSING_FIELD),
                when("an empty owner list", d -> set(d, "indicators[1].owners", List.of()), "indicators[1].owners", MISSING_FIELD),
                when("no unit", d -> remove(d, "indicators[0].unit"), "indicators[0].unit", MISSING_FIELD),
                when("no kind", d -> remove(d, "indicators[0].kind"), "indicators[0].kind", MISSING_FIELD),
                when("no frequency", d -> remove(d, "indicators[0].frequency"), "indicators[0].frequency", MISSING_FIELD),
                when("no target value", d -> remove(d, "indicators[1].target.value"), "indicators[1].target.value", MISSING_FIELD),
                when("a target without a period or span", d -> set(d, "indicators[1].target", Map.of("value", 1)),
                        "indicators[1].target.period", MISSING_FIELD),
                when("no stages", d -> set(d, "indicators[6].stages", List.of()), "indicators[6].stages", MISSING_FIELD),
                when("no benchmark", d -> remove(d, "indicators[5].benchmark"), "indicators[5].benchmark", MISSING_FIELD),
                when("an unknown kind", d -> set(d, "indicators[0].kind", "BIG"), "indicators[0].kind", INVALID_VALUE),
                when("an unknown frequency", d -> set(d, "indicators[0].frequency", "WEEK"), "indicators[0].frequency", INVALID_VALUE),
                when("a lower-case indicator id", d -> set(d, "indicators[2].id", "gro"), "indicators[2].id", INVALID_VALUE),
                when("a plan id with capitals", d -> set(d, "id", "Test"), "id", INVALID_VALUE),
                when("a negative weight", d -> set(d, "indicators[0].weight", -1), "indicators[0].weight", INVALID_VALUE),
                when("a negative risk band", d -> set(d, "indicators[0].riskBand", new BigDecimal("-0.1")),
                        "indicators[0].riskBand", INVALID_VALUE),
                when("a fractional dueDays", d -> set(d, "indicators[0].dueDays", new BigDecimal("2.5")),
                        "indicators[0].dueDays", INVALID_VALUE),
                when("a text where a number belongs", d -> set(d, "indicators[1].target.value", "many"),
                        "indicators[1].target.value", INVALID_VALUE),
                when("a binding that is not a boolean", d -> set(d, "indicators[0].binding", "yes"),
                        "indicators[0].binding", INVALID_VALUE),
                when("an unknown time zone", d -> set(d, "timeZone", "Mars/Olympus"), "timeZone", INVALID_VALUE),
                when("a blank name", d -> set(d, "indicators[0].name", "  "), "indicators[0].name", INVALID_VALUE),
                when("a name of 201 characters", d -> set(d, "indicators[0].name", "名".repeat(201)),
                        "indicators[0].name", INVALID_VALUE),
                when("a window that ends before it begins", d -> set(d, "window.to", "2020"), "window.to", INVALID_VALUE),
                when("a span that ends before it begins", d -> set(d, "indicators[7].target.to", "2020-Q4"),
                        "indicators[7].target.to", INVALID_VALUE),
                when("both a period and a span", d -> set(d, "indicators[1].target.from", "2021"),
                        "indicators[1].target.period", INVALID_VALUE),
                when("nodes that are not a list", d -> set(d, "nodes", "root"), "nodes", INVALID_VALUE),
                when("an indicator that is not an object", d -> set(d, "indicators[3]", "AVG"), "indicators[3]", INVALID_VALUE),
                when("two indicators with one id", d -> set(d, "indicators[2].id", "LVL"), "indicators[2].id", DUPLICATE_ID),
                when("two nodes with one id", d -> set(d, "nodes[0].children[0].id", "root"), "nodes[0].children[0].id", DUPLICATE_ID),
                when("two departments with one code", d -> set(d, "departments[1].code", "STATS"), "departments[1].code", DUPLICATE_ID),
                when("an owner listed twice", d -> set(d, "indicators[1].owners", List.of("DRC", "DRC")),
                        "indicators[1].owners[1]", DUPLICATE_ID),
                when("a stage listed twice", d -> set(d, "indicators[6].stages", List.of("申报", "申报")),
                        "indicators[6].stages[1]", DUPLICATE_ID),
                when("a node naming an undefined indicator", d -> set(d, "nodes[0].indicators", List.of("NOPE")),
                        "nodes[0].indicators[0]", UNKNOWN_INDICATOR),
                when("an indicator under two nodes", d -> set(d, "nodes[0].children[0].indicators", List.of("CUM", "LVL")),
                        "nodes[0].children[0].indicators[1]", INDICATOR_IN_TWO_NODES),
                when("an owner not among the departments", d -> set(d, "indicators[0].owners", List.of("NOPE")),
                        "indicators[0].owners[0]", UNKNOWN_DEPARTMENT),
                when("an unknown benchmark", d -> set(d, "indicators[5].benchmark", "NOPE"), "indicators[5].benchmark", UNKNOWN_BENCHMARK),
                when("an unknown subject", d -> set(d, "indicators[5].subject", "NOPE"), "indicators[5].subject", UNKNOWN_BENCHMARK),
                when("an indicator as its own benchmark", d -> set(d, "indicators[5].benchmark", "REL"),
                        "indicators[5].benchmark", UNKNOWN_BENCHMARK),
                when("a LEVEL as benchmark", d -> set(d, "indicators[5].benchmark", "LVL"), "indicators[5].benchmark", BENCHMARK_NOT_RATE),
                when("a growth from amounts as subject", d -> {
                    set(d, "indicators[3].input", "AMOUNT");
                    set(d, "indicators[5].subject", "AVG");
                }, "indicators[5].subject", BENCHMARK_NOT_RATE),
                when("a month that does not exist", d -> set(d, "indicators[6].target.period", "2025-13"),
                        "indicators[6].target.period", PERIOD_INVALID),
                when("a quarter written without its dash", d -> set(d, "indicators[7].target.from", "2021Q1"),
                        "indicators[7].target.from", PERIOD_INVALID),
                when("a window year that is a word", d -> set(d, "window.from", "twenty"), "window.from", PERIOD_INVALID),
                when("a quarter on a monthly indicator", d -> set(d, "indicators[1].target.period", "2021-Q1"),
                        "indicators[1].target.period", PERIOD_GRAIN_MISMATCH),
                when("a month as a GROWTH target period", d -> set(d, "indicators[2].target.period", "2021-06"),
                        "indicators[2].target.period", PERIOD_GRAIN_MISMATCH),
                when("a month as the plan's window", d -> set(d, "window.from", "2021-01"), "window.from", PERIOD_GRAIN_MISMATCH),
                when("a benchmark of another grain", d -> set(d, "indicators[4].frequency", "QUARTER"),
                        "indicators[5].benchmark", PERIOD_GRAIN_MISMATCH),
                when("an average growth reported monthly", d -> set(d, "indicators[3].frequency", "MONTH"),
                        "indicators[3].frequency", PERIOD_GRAIN_MISMATCH),
                when("a target in the baseline year", d -> set(d, "indicators[0].target.period", "2020"),
                        "indicators[0].target.period", TARGET_NOT_AFTER_BASELINE),
                when("a target before the baseline", d -> set(d, "indicators[0].target.period", "2019"),
                        "indicators[0].target.period", TARGET_NOT_AFTER_BASELINE),
                when("a target equal to the baseline", d -> set(d, "indicators[0].target.value", new BigDecimal("4700.0")),
                        "indicators[0].target.value", TARGET_EQUALS_BASELINE),
                when("a compound baseline of 0", d -> set(d, "indicators[0].baseline.value", 0),
                        "indicators[0].baseline.value", NOT_POSITIVE),
                when("a compound target below 0", d -> set(d, "indicators[0].target.value", -5),
                        "indicators[0].target.value", NOT_POSITIVE),
                when("monthly growth without a basis", d -> remove(d, "indicators[2].basis"), "indicators[2].basis", YTD_REQUIRED),
                when("monthly growth by period", d -> set(d, "indicators[2].basis", "PERIOD"), "indicators[2].basis", YTD_REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneProblemEach")
    void reportsEachProblemWithItsPathAndCode(Case c) {
        Object doc = Documents.yaml(VALID);
        c.breakIt().accept(doc);
        PlanValidation.Invalid invalid = assertInstanceOf(PlanValidation.Invalid.class, read(doc));
        assertTrue(invalid.violations().contains(violation(invalid, c.path(), c.code())),
                "expected " + c.code() + " at " + c.path() + ", got " + invalid.violations());
        invalid.violations().forEach(v -> assertTrue(!v.message().isBlank()));
    }

    private static Violation violation(PlanValidation.Invalid invalid, String path, ViolationCode code) {
        return invalid.violations().stream().filter(v -> v.path().equals(path) && v.code() == code).findFirst()
                .orElse(new Violation(path, code, "(missing)"));
    }

    @Test
    void theDocumentMustBeTheOneOfThePath() {
        PlanValidation result = PlanReader.read(Documents.yaml(VALID), "elsewhere", id -> Optional.empty());
        PlanValidation.Invalid invalid = assertInstanceOf(PlanValidation.Invalid.class, result);
        assertEquals(List.of(new Violation("id", PLAN_ID_MISMATCH,
                "the document's id 'test' differs from the plan id 'elsewhere' of the path")), invalid.violations());
    }

    @Test
    void anIndicatorIdBelongsToOnePlan() {
        Function<String, Optional<ExistingIndicator>> store = id -> id.equals("CUM")
                ? Optional.of(new ExistingIndicator("CUM", "other", IndicatorKind.CUMULATIVE, Grain.MONTH, true))
                : Optional.empty();
        PlanValidation.Invalid invalid = assertInstanceOf(PlanValidation.Invalid.class,
                PlanReader.read(Documents.yaml(VALID), "test", store));
        assertEquals(List.of("indicators[1].id:ID_IN_OTHER_PLAN"), codes(invalid));
    }

    @Test
    void anIdDroppedFromAnotherPlanMayBeDefinedAgainButKeepsItsKindAndFrequency() {
        Function<String, Optional<ExistingIndicator>> dropped = id -> id.equals("CUM")
                ? Optional.of(new ExistingIndicator("CUM", "other", IndicatorKind.CUMULATIVE, Grain.MONTH, false))
                : Optional.empty();
        assertInstanceOf(PlanValidation.Valid.class, PlanReader.read(Documents.yaml(VALID), "test", dropped));
        Function<String, Optional<ExistingIndicator>> droppedOtherKind = id -> id.equals("CUM")
                ? Optional.of(new ExistingIndicator("CUM", "other", IndicatorKind.THRESHOLD, Grain.MONTH, false))
                : Optional.empty();
        PlanValidation.Invalid invalid = assertInstanceOf(PlanValidation.Invalid.class,
                PlanReader.read(Documents.yaml(VALID), "test", droppedOtherKind));
        assertEquals(List.of("indicators[1].kind:IMMUTABLE_FIELD"), codes(invalid));
    }

    @Test
    void anIndicatorKeepsItsKindAndFrequency() {
        Function<String, Optional<ExistingIndicator>> store = id -> id.equals("LVL")
                ? Optional.of(new ExistingIndicator("LVL", "test", IndicatorKind.CUMULATIVE, Grain.QUARTER, true))
                : Optional.empty();
        PlanValidation.Invalid invalid = assertInstanceOf(PlanValidation.Invalid.class,
                PlanReader.read(Documents.yaml(VALID), "test", store));
        assertEquals(List.of("indicators[0].kind:IMMUTABLE_FIELD", "indicators[0].frequency:IMMUTABLE_FIELD"), codes(invalid));
        Function<String, Optional<ExistingIndicator>> same = id -> id.equals("LVL")
                ? Optional.of(new ExistingIndicator("LVL", "test", IndicatorKind.LEVEL, Grain.YEAR, true))
                : Optional.empty();
        assertInstanceOf(PlanValidation.Valid.class, PlanReader.read(Documents.yaml(VALID), "test", same));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Object doc = Documents.yaml(VALID);
        set(doc, "colour", "red");
        set(doc, "indicators[0].target.period", "2019");
        set(doc, "indicators[1].owners", List.of("NOPE"));
        set(doc, "indicators[2].kind", "BIG");
        set(doc, "nodes[0].indicators", List.of("NOPE"));
        remove(doc, "indicators[7].unit");
        PlanValidation.Invalid invalid = assertInstanceOf(PlanValidation.Invalid.class, read(doc));
        Set<ViolationCode> found = invalid.violations().stream().map(Violation::code).collect(Collectors.toSet());
        assertEquals(EnumSet.of(UNKNOWN_FIELD, TARGET_NOT_AFTER_BASELINE, UNKNOWN_DEPARTMENT, INVALID_VALUE,
                UNKNOWN_INDICATOR, MISSING_FIELD), found);
    }

    @Test
    void aDocumentThatIsNotAnObjectIsInvalid() {
        PlanValidation.Invalid invalid = assertInstanceOf(PlanValidation.Invalid.class, read(List.of(1, 2)));
        assertEquals(List.of(":INVALID_VALUE"), codes(invalid));
    }

    @Test
    void everyCodeOfTheDesignIsCovered() {
        Set<ViolationCode> covered = EnumSet.of(PLAN_ID_MISMATCH, ID_IN_OTHER_PLAN, IMMUTABLE_FIELD);
        oneProblemEach().forEach(c -> covered.add(c.code()));
        assertEquals(EnumSet.allOf(ViolationCode.class), covered);
    }

    private static List<String> codes(PlanValidation.Invalid invalid) {
        List<String> out = new ArrayList<>();
        invalid.violations().forEach(v -> out.add(v.path() + ":" + v.code()));
        return out;
    }
}
