package io.planpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/benchmarks.md as written from a record: its restarts, its CPU per report, what it does not hold. */
class ReportTest {

    private static final String STARTS_ONLY = """
            {"commit": "abc1234", "started": "2026-12-07T15:00:00", "ended": "2026-12-07T15:05:00",
             "command": "./planpulse bench --starts-only", "quick": false,
             "machine": {"cores": 2, "memoryGb": 24, "os": "Linux", "serviceJavaOptions": "-Xmx96m",
                         "loadGenerator": "this harness"},
             "frozen": {}, "calibration": {"singleRowCommitsPerSecond": 10000, "insert500RowsPerSecond": 200000,
                         "copyRowsPerSecond": 900000, "kafkaProducedPerSecond": 300000, "kafkaConsumedPerSecond": 800000},
             "warmUp": [], "batches": [], "sustainedApply": [], "notes": [],
             "singles": [{"offeredPerSecond": 500, "besideBatchReportsPerSecond": 0, "ok": 2000, "okPerSecond": 200,
                          "seconds": 10, "byStatus": {"201": 2000}, "answered": {}, "freshness": {},
                          "cpuSeconds": {"indicators-service": 3.0, "reporting-service": 2.5, "targets-service": 0.1,
                                         "postgres": 4.0, "kafka": 1.0, "harness": 0.5, "machine": 12.0}}],
             "starts": [
               {"plan": "shipped", "classArchive": false, "execToReadySeconds": {
                 "targets-service": [5.9, 5.5, 6.4], "indicators-service": [4.2, 4.7, 4.0], "reporting-service": [4.6, 4.8, 4.7]}},
               {"plan": "shipped", "classArchive": true, "execToReadySeconds": {
                 "targets-service": [3.5, 3.8], "indicators-service": [3.0, 3.2], "reporting-service": [4.0, 4.3]}}],
             "footprint": {"targets-service": {"maxResidentMb": 230, "execToReadySeconds": 5.3,
                 "jitSecondsSinceStart": 9.9, "atEnd": {"residentMb": 200, "residentAnonymousMb": 177,
                 "residentFileMb": 22, "heapCommittedMb": 42, "classMetadataMb": 77, "jitCodeMb": 10, "threads": 17}}}}
            """;

    @Test
    void theRestartsAreShownAsTheirMedianAndSlowestAndNoRebuildIsInvented() throws Exception {
        String md = Report.render(Api.JSON.readTree(STARTS_ONLY), Path.of("docs/bench-runs/x.json"));
        assertTrue(md.contains("| shipped | without (cold) | 3 | 5.90 s (6.40 s) | 4.20 s (4.70 s) | 4.70 s (4.80 s) |"), md);
        assertTrue(md.contains("| shipped | with (warm) | 2 | 3.65 s (3.80 s) | 3.10 s (3.20 s) | 4.15 s (4.30 s) |"), md);
        assertTrue(md.contains("| targets-service | 200 | 22 | 42 | 77 | 10 | 17 |"), md);
        assertFalse(md.contains("## Rebuild") || md.contains("## Replay"), md);
        assertTrue(md.contains("| single reports at 500/s | 2000 | 1.50 | 1.25 | 0.05 | 2.00 | 0.50 | 0.25 | 6.00 |"), md);
    }

    @Test
    void aMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() throws Exception {
        JsonNode seconds = Api.JSON.readTree("[4.0, 1.0, 3.0, 2.0]");
        assertEquals("2.50 s (4.00 s)", Report.medianAndMax(seconds));
        assertEquals("—", Report.medianAndMax(Api.JSON.readTree("[]")));
    }
}
