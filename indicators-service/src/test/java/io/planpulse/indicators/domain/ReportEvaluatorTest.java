package io.planpulse.indicators.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.indicators.testing.TestCatalogue;
import io.planpulse.model.event.ReviewState;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReportEvaluatorTest {

    /** 2026-03-15 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-03-15T02:00:00Z");
    static final Caller TRANSPORT = new Caller("reporter-transport", "TRANSPORT", false);
    static final Caller STATS = new Caller("reporter-stats", "STATS", false);
    static final Caller FTZ = new Caller("reporter-ftz", "FTZ", false);
    static final Caller PBOC = new Caller("reporter-pboc", "PBOC", false);
    static final Caller MARKET = new Caller("reporter-market", "MARKET", false);
    static final Caller ADMIN = new Caller("admin", null, true);

    static final Map<String, CatalogueEntry> CATALOGUE = new HashMap<>();

    static {
        for (Indicator i : TestCatalogue.ALL) {
            CATALOGUE.put(i.id(), new CatalogueEntry(TestCatalogue.PLAN, i, ZoneId.of("Asia/Shanghai"), TestCatalogue.WINDOW,
                    null, false));
        }
    }

    static ReportRow row(String id, String period, String value) {
        return new ReportRow(0, id, period, value == null ? null : new BigDecimal(value), value, false, false, null, null,
                null, List.of());
    }

    static ReportRow withdrawal(String id, String period, String reason) {
        return new ReportRow(0, id, period, null, null, false, true, null, reason, null, List.of());
    }

    static List<RowResult> evaluate(Caller caller, Map<ReportKey, Head> heads, ReportRow... rows) {
        return replace(caller, heads, null, rows).rows();
    }

    static BatchVerdict replace(Caller caller, Map<ReportKey, Head> heads, ReplaceScope scope, ReportRow... rows) {
        List<ReportRow> indexed = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            ReportRow r = rows[i];
            indexed.add(new ReportRow(i, r.indicatorId(), r.period(), r.value(), r.valueText(), r.provisional(),
                    r.withdrawn(), r.note(), r.reason(), r.source(), r.readIssues()));
        }
        return ReportEvaluator.evaluate(indexed, CATALOGUE, heads, caller, NOW, scope);
    }

    static ReplaceScope scope(String from, String to) {
        return new ReplaceScope(Period.parse(from).orElseThrow(), Period.parse(to).orElseThrow(), "统计局更正");
    }

    static Head value(int revision, String value) {
        return new Head(revision, new BigDecimal(value), false, false, null, null);
    }

    static RowResult one(Caller caller, ReportRow row) {
        return evaluate(caller, Map.of(), row).get(0);
    }

    static Stream<Arguments> refusals() {
        String note = "注".repeat(2001);
        return Stream.of(
                Arguments.of(TRANSPORT, row("NOPE", "2021-01", "1"), RowCode.UNKNOWN_INDICATOR),
                Arguments.of(TRANSPORT, row(null, "2021-01", "1"), RowCode.UNKNOWN_INDICATOR),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2021-13", "1"), RowCode.PERIOD_INVALID),
                Arguments.of(TRANSPORT, row("T-TRAINS", null, "1"), RowCode.PERIOD_INVALID),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2021-Q1", "1"), RowCode.PERIOD_GRAIN_MISMATCH),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2021", "1"), RowCode.PERIOD_GRAIN_MISMATCH),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2022-01", "1"), RowCode.PERIOD_OUTSIDE_WINDOW),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2020-12", "1"), RowCode.PERIOD_OUTSIDE_WINDOW),
                Arguments.of(STATS, row("T-GDP", "2019", "1"), RowCode.PERIOD_OUTSIDE_WINDOW),
                Arguments.of(MARKET, row("T-FIRMS", "2019", "1"), RowCode.PERIOD_OUTSIDE_WINDOW),
                Arguments.of(STATS, row("T-PROV", "2027", "5.5"), RowCode.PERIOD_IN_FUTURE),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2021-01", null), RowCode.VALUE_INVALID),
                Arguments.of(TRANSPORT, new ReportRow(0, "T-TRAINS", "2021-01", null, "abc", false, false, null, null, null,
                        List.of(new RowIssue(RowCode.VALUE_INVALID, "'abc' is not a finite number"))), RowCode.VALUE_INVALID),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2021-01", "1e309"), RowCode.VALUE_INVALID),
                Arguments.of(TRANSPORT, row("T-TRAINS", "2021-01", "0.0000001"), RowCode.VALUE_INVALID),
                Arguments.of(FTZ, row("T-DEPOT", "2021-05", "4"), RowCode.STAGE_INVALID),
                Arguments.of(FTZ, row("T-DEPOT", "2021-05", "1.5"), RowCode.STAGE_INVALID),
                Arguments.of(FTZ, row("T-DEPOT", "2021-05", "-1"), RowCode.STAGE_INVALID),
                Arguments.of(STATS, row("T-TRAINS", "2021-01", "1"), RowCode.FORBIDDEN_INDICATOR),
                Arguments.of(FTZ, row("T-REL", "2021", "2"), RowCode.NOT_REPORTABLE),
                Arguments.of(TRANSPORT, withdrawal("T-TRAINS", "2021-01", null), RowCode.REASON_REQUIRED),
                Arguments.of(TRANSPORT, withdrawal("T-TRAINS", "2021-01", "误报"), RowCode.NOTHING_TO_WITHDRAW),
                Arguments.of(TRANSPORT, new ReportRow(0, "T-TRAINS", "2021-01", BigDecimal.ONE, "1", false, true, null, "误报",
                        null, List.of()), RowCode.VALUE_INVALID),
                Arguments.of(TRANSPORT, new ReportRow(0, "T-TRAINS", "2021-01", BigDecimal.ONE, "1", false, false, note, null,
                        null, List.of()), RowCode.TEXT_TOO_LONG),
                Arguments.of(TRANSPORT, new ReportRow(0, "T-TRAINS", "2021-01", BigDecimal.ONE, "1", false, false, "月报",
                        null, "统计\u0000年鉴", List.of()), RowCode.TEXT_INVALID),
                Arguments.of(TRANSPORT, new ReportRow(0, "T-TRAINS", "2021-01", BigDecimal.ONE, "1", false, false, null, null,
                        null, List.of(new RowIssue(RowCode.UNKNOWN_FIELD, "a report has no field 'colour'"))),
                        RowCode.UNKNOWN_FIELD));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @MethodSource("refusals")
    void refusesWithTheRowCode(Caller caller, ReportRow row, RowCode code) {
        RowResult.Rejected rejected = assertInstanceOf(RowResult.Rejected.class, one(caller, row));
        assertEquals(code, rejected.issue().code(), rejected.issue().message());
        assertTrue(!rejected.issue().message().isBlank());
    }

    @ParameterizedTest(name = "{0} … {1} covers {2}: {3}")
    @CsvSource({
            "2021-Q1, 2021-Q2, 2021-01, true",
            "2021-Q1, 2021-Q2, 2021-06, true",
            "2021-Q1, 2021-Q2, 2021-07, false",
            "2021-Q1, 2021-Q2, 2020-12, false",
            "2021-Q1, 2021-Q2, 2021-H1, true",
            "2021-Q1, 2021-Q2, 2021, false",
            "2021-01, 2021-12, 2021, true",
            "2021, 2021, 2021-Q4, true",
            "2021, 2023, 2022, true",
            "2021, 2023, 2024, false",
            "2021-03, 2021-03, 2021-03, true",
            "2021-03, 2021-03, 2021-Q1, false"})
    void aScopeCoversThePeriodsWhollyWithinItsRange(String from, String to, String period, boolean covered) {
        assertEquals(covered, scope(from, to).covers(Period.parse(period).orElseThrow()));
    }

    @Test
    void aReplaceWithdrawsWhatTheFileNoLongerHoldsWithinItsScopeOnly() {
        Map<ReportKey, Head> heads = Map.of(
                new ReportKey("T-TRAINS", "2021-01"), value(1, "110"),
                new ReportKey("T-TRAINS", "2021-02"), value(2, "120"),
                new ReportKey("T-TRAINS", "2021-03"), value(1, "130"),
                new ReportKey("T-TRAINS", "2021-04"), new Head(3, null, false, true, null, null),
                new ReportKey("T-TRAINS", "2021-05"), value(1, "150"),
                new ReportKey("T-TRAINS", "2021-07"), value(1, "170"),
                new ReportKey("T-FX", "2021-02"), value(1, "50"));
        BatchVerdict verdict = replace(ADMIN, heads, scope("2021-Q1", "2021-Q2"),
                row("T-TRAINS", "2021-01", "110"), row("T-TRAINS", "2021-02", "125"),
                withdrawal("T-TRAINS", "2021-03", "误报"));
        assertEquals(List.of(Outcome.UNCHANGED, Outcome.REVISED, Outcome.WITHDRAWN), verdict.rows().stream()
                .map(r -> ((RowResult.Accepted) r).outcome()).toList());
        RowResult.Accepted withdrawn = verdict.withdrawals().get(0);
        assertEquals(1, verdict.withdrawals().size(), "a withdrawn value, a period outside the scope and another "
                + "indicator stay as they are: " + verdict.withdrawals());
        assertEquals(new ReportKey("T-TRAINS", "2021-05"), withdrawn.key());
        assertEquals(Outcome.WITHDRAWN, withdrawn.outcome());
        assertEquals(2, withdrawn.revision());
        assertEquals("统计局更正", withdrawn.reason());
        assertEquals(RowResult.NO_ROW, withdrawn.index());
        assertEquals(null, withdrawn.review(), "a plan without review takes it at once");
        assertEquals(3, verdict.revisions().size(), "the revised row, the row's withdrawal and the scope's");
        assertTrue(!verdict.conflicts());
    }

    @Test
    void aReplacedValueReEntersReviewWhereTheOfficeReviews() {
        Map<String, CatalogueEntry> reviewed = new HashMap<>(CATALOGUE);
        CatalogueEntry trains = CATALOGUE.get("T-TRAINS");
        reviewed.put("T-TRAINS", new CatalogueEntry(trains.planId(), trains.indicator(), trains.timeZone(),
                trains.planWindow(), "DRC", true));
        Map<ReportKey, Head> heads = Map.of(new ReportKey("T-TRAINS", "2021-01"),
                new Head(1, new BigDecimal("110"), false, false, null, ReviewState.APPROVED),
                new ReportKey("T-TRAINS", "2021-02"), new Head(1, new BigDecimal("120"), false, false, null,
                        ReviewState.APPROVED));
        BatchVerdict verdict = ReportEvaluator.evaluate(List.of(row("T-TRAINS", "2021-01", "111")), reviewed, heads,
                TRANSPORT, NOW, scope("2021-01", "2021-03"));
        assertEquals(ReviewState.SUBMITTED, ((RowResult.Accepted) verdict.rows().get(0)).review());
        assertEquals(ReviewState.SUBMITTED, verdict.withdrawals().get(0).review());
    }

    @Test
    void aReplaceRefusesARowOutsideItsScopeAndAScopeReachingAnotherDepartment() {
        BatchVerdict outside = replace(TRANSPORT, Map.of(), scope("2021-Q1", "2021-Q1"),
                row("T-TRAINS", "2021-01", "110"), row("T-TRAINS", "2021-04", "140"));
        RowResult.Rejected rejected = assertInstanceOf(RowResult.Rejected.class, outside.rows().get(1));
        assertEquals(RowCode.OUTSIDE_SCOPE, rejected.issue().code());
        assertTrue(outside.conflicts());

        Map<ReportKey, Head> heads = Map.of(new ReportKey("T-FX", "2021-02"), value(1, "50"));
        BatchVerdict foreign = replace(TRANSPORT, heads, scope("2021-Q1", "2021-Q1"),
                row("T-TRAINS", "2021-01", "110"), row("T-FX", "2021-01", "40"));
        assertEquals(RowCode.FORBIDDEN_SCOPE, foreign.refusal().orElseThrow().code());
        assertTrue(foreign.refusal().get().message().contains("T-FX"), foreign.refusal().get().message());
        assertEquals(List.of(), foreign.revisions(), "nothing of a refused replace is stored");
        assertTrue(foreign.conflicts());
        assertTrue(replace(FTZ, Map.of(), scope("2021", "2021"), row("T-TRAINS", "2021-01", "110")).refusal().isEmpty(),
                "a co-owner replaces the indicator too");
    }

    @Test
    void aSecondRowForTheSamePeriodIsADuplicate() {
        List<RowResult> results = evaluate(TRANSPORT, Map.of(), row("T-TRAINS", "2021-01", "110"),
                row("T-TRAINS", "2021-01", "111"));
        assertInstanceOf(RowResult.Accepted.class, results.get(0));
        RowResult.Rejected duplicate = assertInstanceOf(RowResult.Rejected.class, results.get(1));
        assertEquals(RowCode.DUPLICATE_ROW, duplicate.issue().code());
        assertEquals(1, duplicate.index());
    }

    @Test
    void anAdminReportsAnyIndicatorAndACoOwnerToo() {
        assertInstanceOf(RowResult.Accepted.class, one(ADMIN, row("T-TRAINS", "2021-01", "110")));
        assertInstanceOf(RowResult.Accepted.class, one(FTZ, row("T-TRAINS", "2021-01", "110")));
        assertInstanceOf(RowResult.Accepted.class, one(MARKET, row("T-FIRMS", "2020", "3100")));
        assertInstanceOf(RowResult.Accepted.class, one(FTZ, row("T-DEPOT", "2021-05", "3")));
        assertInstanceOf(RowResult.Accepted.class, one(FTZ, row("T-DEPOT", "2025-12", "0")));
    }

    @Test
    void outcomesFollowTheLatestRevision() {
        ReportKey key = new ReportKey("T-TRAINS", "2021-01");
        RowResult.Accepted created = (RowResult.Accepted) one(TRANSPORT, row("T-TRAINS", "2021-01", "110"));
        assertEquals(Outcome.CREATED, created.outcome());
        assertEquals(1, created.revision());

        Map<ReportKey, Head> heads = Map.of(key, new Head(1, new BigDecimal("1.5"), false, false, null, null));
        RowResult.Accepted same = (RowResult.Accepted) evaluate(TRANSPORT, heads, row("T-TRAINS", "2021-01", "1.50")).get(0);
        assertEquals(Outcome.UNCHANGED, same.outcome());
        assertEquals(1, same.revision());
        assertTrue(!same.stores());

        ReportRow provisional = new ReportRow(0, "T-TRAINS", "2021-01", new BigDecimal("1.5"), "1.5", true, false, null,
                null, null, List.of());
        assertEquals(Outcome.REVISED, ((RowResult.Accepted) evaluate(TRANSPORT, heads, provisional).get(0)).outcome());
        ReportRow noted = new ReportRow(0, "T-TRAINS", "2021-01", new BigDecimal("1.5"), "1.5", false, false, "更正", null,
                null, List.of());
        RowResult.Accepted revised = (RowResult.Accepted) evaluate(TRANSPORT, heads, noted).get(0);
        assertEquals(Outcome.REVISED, revised.outcome());
        assertEquals(2, revised.revision());

        RowResult.Accepted withdrawn = (RowResult.Accepted) evaluate(TRANSPORT, heads,
                withdrawal("T-TRAINS", "2021-01", "误报")).get(0);
        assertEquals(Outcome.WITHDRAWN, withdrawn.outcome());
        assertEquals(2, withdrawn.revision());
        assertEquals(null, withdrawn.value());

        Map<ReportKey, Head> withdrawnHead = Map.of(key, new Head(2, null, false, true, null, null));
        assertEquals(Outcome.UNCHANGED, ((RowResult.Accepted) evaluate(TRANSPORT, withdrawnHead,
                withdrawal("T-TRAINS", "2021-01", "误报")).get(0)).outcome());
        RowResult.Accepted again = (RowResult.Accepted) evaluate(TRANSPORT, withdrawnHead,
                row("T-TRAINS", "2021-01", "1.5")).get(0);
        assertEquals(Outcome.REVISED, again.outcome());
        assertEquals(3, again.revision());
    }

    @Test
    void warnsOfAYearToDateAmountThatFalls() {
        Map<ReportKey, Head> heads = Map.of(new ReportKey("T-FX", "2021-05"), new Head(1, new BigDecimal("80"), false, false, null, null));
        RowResult.Accepted fell = (RowResult.Accepted) evaluate(PBOC, heads, row("T-FX", "2021-06", "79")).get(0);
        assertEquals(List.of(WarningCode.YTD_DECREASE), fell.warnings().stream().map(Warning::code).toList());
        RowResult.Accepted rose = (RowResult.Accepted) evaluate(PBOC, heads, row("T-FX", "2021-06", "101")).get(0);
        assertEquals(List.of(), rose.warnings());
        List<RowResult> batch = evaluate(PBOC, Map.of(), row("T-FX", "2021-03", "48"), row("T-FX", "2021-02", "50"));
        assertEquals(List.of(WarningCode.YTD_DECREASE), ((RowResult.Accepted) batch.get(0)).warnings().stream()
                .map(Warning::code).toList(), "a value earlier in the year from the same batch counts");
    }

    @Test
    void warnsOfAnOutlierAgainstThePreviousPeriod() {
        Map<ReportKey, Head> heads = Map.of(new ReportKey("T-TRAINS", "2021-01"), new Head(1, new BigDecimal("110"), false, false, null, null));
        assertEquals(List.of(WarningCode.OUTLIER), codes(evaluate(TRANSPORT, heads, row("T-TRAINS", "2021-02", "1100"))));
        assertEquals(List.of(WarningCode.OUTLIER), codes(evaluate(TRANSPORT, heads, row("T-TRAINS", "2021-02", "11"))));
        assertEquals(List.of(WarningCode.OUTLIER), codes(evaluate(TRANSPORT, heads, row("T-TRAINS", "2021-02", "-5"))));
        assertEquals(List.of(), codes(evaluate(TRANSPORT, heads, row("T-TRAINS", "2021-02", "1099"))));
        assertEquals(List.of(), codes(evaluate(TRANSPORT, heads, row("T-TRAINS", "2021-02", "11.01"))));
        Map<ReportKey, Head> withdrawn = Map.of(new ReportKey("T-TRAINS", "2021-01"), new Head(2, null, false, true, null, null));
        assertEquals(List.of(), codes(evaluate(TRANSPORT, withdrawn, row("T-TRAINS", "2021-02", "1100"))),
                "a withdrawn value is no comparison");
        Map<ReportKey, Head> december = Map.of(new ReportKey("T-FX", "2020-12"), new Head(1, new BigDecimal("190"), false, false, null, null));
        assertEquals(List.of(), codes(evaluate(PBOC, december, row("T-FX", "2021-01", "12"))),
                "a year-to-date figure starts again in January");
    }

    @Test
    void withdrawnRowsCarryNoValueAndUnchangedOnesNoWarnings() {
        Map<ReportKey, Head> heads = Map.of(
                new ReportKey("T-TRAINS", "2021-01"), new Head(1, new BigDecimal("110"), false, false, null, null),
                new ReportKey("T-TRAINS", "2021-02"), new Head(1, new BigDecimal("5000"), false, false, null, null));
        assertEquals(List.of(), codes(evaluate(TRANSPORT, heads, row("T-TRAINS", "2021-02", "5000"))));
    }

    @Test
    void keysNeededAreEachRowsPeriodAndTheOneBefore() {
        assertEquals(List.of(new ReportKey("T-TRAINS", "2021-01"), new ReportKey("T-TRAINS", "2020-12")),
                List.copyOf(ReportEvaluator.keysNeeded(List.of(row("T-TRAINS", "2021-01", "1"), row("NOPE", "2021-01", "1"),
                        row("T-TRAINS", "bad", "1")), CATALOGUE)));
    }

    @Test
    void theReportedKeysAreTheRowsOwnPeriodsWhateverTheirOrder() {
        List<ReportRow> rows = List.of(row("T-TRAINS", "2021-03", "1"), row("T-TRAINS", "2021-02", "1"),
                row("NOPE", "2021-01", "1"));
        assertEquals(List.of(new ReportKey("T-TRAINS", "2021-03"), new ReportKey("T-TRAINS", "2021-02")),
                List.copyOf(ReportEvaluator.reportedKeys(rows, CATALOGUE)));
    }

    private static List<WarningCode> codes(List<RowResult> results) {
        return ((RowResult.Accepted) results.get(0)).warnings().stream().map(Warning::code).toList();
    }
}
