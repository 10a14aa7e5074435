package io.planpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.chaos.Departments.Outcome;
import io.planpulse.chaos.Departments.Request;
import io.planpulse.chaos.Departments.Submission;
import io.planpulse.chaos.Departments.Via;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the department clients make of an answer: each batch row's fate from the summary. */
class DepartmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Submission BATCH = new Submission("k", Via.CSV_BATCH, false, List.of(
            row("k#0", "2021", false), row("k#1", "2023-13", true), row("k#2", "2022", false)));

    @Test
    void aBatchSummaryAcknowledgesTheRowsWithoutAConflictAndRefusesTheOthers() throws Exception {
        List<Outcome> outcomes = Departments.outcomes(BATCH, 200, JSON.readTree("""
                {"received": 3, "created": 2, "rejected": 1, "stored": true,
                 "conflicts": [{"index": 1, "indicatorId": "GDP-TOTAL", "period": "2023-13", "code": "PERIOD_INVALID"}]}
                """), null);
        assertEquals(List.of(new Outcome.Acknowledged(200, Outcome.Acknowledged.UNNAMED),
                new Outcome.Refused(200, "PERIOD_INVALID"), new Outcome.Acknowledged(200, Outcome.Acknowledged.UNNAMED)),
                outcomes);
    }

    @Test
    void anAtomicBatchRefusedWholeRefusesEveryRowTheConflictsWithTheirCode() throws Exception {
        List<Outcome> outcomes = Departments.outcomes(BATCH, 422, JSON.readTree("""
                {"status": 422, "code": "BATCH_REJECTED", "stored": false,
                 "conflicts": [{"index": 1, "code": "PERIOD_INVALID"}]}
                """), null);
        assertEquals(List.of(new Outcome.Refused(422, "BATCH_REJECTED"), new Outcome.Refused(422, "PERIOD_INVALID"),
                new Outcome.Refused(422, "BATCH_REJECTED")), outcomes);
    }

    @Test
    void aSummaryThatStoredNothingAcknowledgesNothing() throws Exception {
        List<Outcome> outcomes = Departments.outcomes(BATCH, 200, JSON.readTree("""
                {"received": 3, "stored": false, "conflicts": []}"""), null);
        assertEquals(List.of(new Outcome.Refused(200, "NOT_STORED"), new Outcome.Refused(200, "NOT_STORED"),
                new Outcome.Refused(200, "NOT_STORED")), outcomes);
    }

    @Test
    void aSheddingOrAFailureIsEveryRowsAndASingleReportNamesItsRevision() throws Exception {
        JsonNode overloaded = JSON.readTree("{\"status\": 503, \"code\": \"OVERLOADED\"}");
        assertEquals(List.of(new Outcome.Shed(503, "OVERLOADED", "1"), new Outcome.Shed(503, "OVERLOADED", "1"),
                new Outcome.Shed(503, "OVERLOADED", "1")), Departments.outcomes(BATCH, 503, overloaded, "1"));
        assertEquals(3, Departments.outcomes(BATCH, 503, JSON.readTree("{\"code\": \"UNAVAILABLE\"}"), "1").stream()
                .filter(o -> o instanceof Outcome.Unknown).count());
        Submission single = Submission.single(row("s", "2021", false));
        assertEquals(List.of(new Outcome.Acknowledged(201, 4)),
                Departments.outcomes(single, 201, JSON.readTree("{\"revision\": 4}"), null));
    }

    @Test
    void aBatchHoldsEachIndicatorAndPeriodOnceEvenWhereADepartmentHasFewAndAWrongRowKeepsAnAtomicOneOut() {
        Departments departments = new Departments(null, null, List.of(
                new Departments.Reportable("GDP-TOTAL", "YEAR", 2021, 2021, List.of("STATS")),
                new Departments.Reportable("FDI", "YEAR", 2021, 2022, List.of("COMMERCE"))));
        Random random = new Random(7);
        int atomicWithAWrongRow = 0;
        for (int i = 0; i < 500; i++) {
            Submission batch = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> departments.batch(random, Via.JSON_BATCH));
            assertTrue(batch.rows().size() >= 1 && batch.rows().size() <= 10, batch.toString());
            assertEquals(batch.rows().size(), batch.rows().stream().map(r -> r.indicatorId() + r.period()).distinct()
                    .count(), "no DUPLICATE_ROW: " + batch);
            assertEquals(1, batch.rows().stream().map(Request::dept).distinct().count(), "one department's: " + batch);
            if (batch.atomic() && batch.rows().stream().anyMatch(Request::wrong)) {
                atomicWithAWrongRow++;
                assertTrue(batch.rows().stream().allMatch(Request::wrong), "kept out whole: " + batch);
            }
        }
        assertTrue(atomicWithAWrongRow > 0, "an atomic batch with a wrong row was made");
    }

    private static Request row(String key, String period, boolean wrong) {
        return new Request(key, "GDP-TOTAL", period, new BigDecimal("1.5"), "STATS", wrong, Via.CSV_BATCH);
    }
}
