package io.planpulse.indicators.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.domain.ReportRow;
import io.planpulse.indicators.domain.RowCode;
import io.planpulse.indicators.service.BatchRequest;
import io.planpulse.indicators.service.IdempotencyKey;
import io.planpulse.indicators.service.IngestionConfig;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportReaderTest {

    static final IngestionConfig CONFIG = new IngestionConfig() {
        @Override
        public int maxRows() {
            return 3;
        }

        @Override
        public int maxBytes() {
            return 5_000_000;
        }

        @Override
        public Duration databaseTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public double departmentRate() {
            return 100;
        }

        @Override
        public int departmentBurst() {
            return 200;
        }

        @Override
        public int maxInFlight() {
            return 64;
        }

        @Override
        public long maxInFlightBytes() {
            return 16_000_000;
        }

        @Override
        public Duration idempotencyTtl() {
            return Duration.ofHours(24);
        }
    };

    final ReportReader reader = new ReportReader(new ObjectMapper(), CONFIG);

    static final String CSV = "indicatorId,period,value,provisional,note,reason\r\n"
            + "T-TRAINS,2021-01,110,false,春节前,\r\n"
            + "T-TRAINS,2021-02,\"95\",是,\"含\"\"加开\"\"班列\n两列\",\r\n";

    private void assertRows(List<ReportRow> rows) {
        assertEquals(2, rows.size());
        assertEquals("T-TRAINS", rows.get(0).indicatorId());
        assertEquals(new BigDecimal("110"), rows.get(0).value());
        assertEquals("春节前", rows.get(0).note());
        assertFalse(rows.get(0).provisional());
        assertTrue(rows.get(1).provisional());
        assertEquals("含\"加开\"班列\n两列", rows.get(1).note());
        assertEquals(1, rows.get(1).index());
        assertNull(rows.get(1).reason());
    }

    @Test
    void readsUtf8CsvWithAndWithoutAByteOrderMark() {
        byte[] plain = CSV.getBytes(StandardCharsets.UTF_8);
        assertRows(reader.csv(plain, "text/csv"));
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, bom, 3, plain.length);
        assertRows(reader.csv(bom, "text/csv"));
    }

    @Test
    void readsCsvThatChineseExcelSavesInGb18030() {
        byte[] gb = CSV.getBytes(Charset.forName("GB18030"));
        assertRows(reader.csv(gb, "text/csv"));
        assertRows(reader.csv(gb, "text/csv; charset=GB18030"));
    }

    @Test
    void readsTheOptionalColumnsInAnyCaseAndOrder() {
        String csv = "Period,IndicatorId,Value,Withdrawn,Reason,Source\n2021-03,T-TRAINS,,yes,误报,月报\n";
        ReportRow row = reader.csv(csv.getBytes(StandardCharsets.UTF_8), "text/csv").get(0);
        assertTrue(row.withdrawn());
        assertEquals("误报", row.reason());
        assertEquals("月报", row.source());
        assertNull(row.valueText());
    }

    @Test
    void aBadCellIsTheRowsProblemButABadHeaderIsTheRequests() {
        String csv = "indicatorId,period,value,provisional\nT-TRAINS,2021-01,1，5,maybe\n";
        ReportRow row = reader.csv(csv.getBytes(StandardCharsets.UTF_8), "text/csv").get(0);
        assertEquals(List.of(RowCode.VALUE_INVALID, RowCode.VALUE_INVALID), row.readIssues().stream().map(i -> i.code()).toList());
        assertThrows(MalformedRequestException.class, () -> reader.csv("indicatorId,period,value,colour\n".getBytes(
                StandardCharsets.UTF_8), "text/csv"));
        assertThrows(MalformedRequestException.class, () -> reader.csv("indicatorId,period\nA,2021\n".getBytes(
                StandardCharsets.UTF_8), "text/csv"));
        assertThrows(MalformedRequestException.class, () -> reader.csv(new byte[0], "text/csv"));
        assertThrows(MalformedRequestException.class, () -> reader.csv("a".getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=NOPE-1"));
    }

    @Test
    void readsTheFirstSheetOfAWorkbookAsItsCellsHoldThem() {
        byte[] xlsx = Workbooks.of(
                new Object[] {"indicatorId", "Period", "value", "provisional", "note"},
                new Object[] {"T-TRAINS", "2021-01", 110, false, " 春节前 "},
                null,
                new Object[] {"T-TRAINS", LocalDate.of(2021, 2, 1), 0.1 + 0.2, "是"},
                new Object[] {"T-GDP", 2021, 5400.5, null, "快报"});
        List<ReportRow> rows = reader.xlsx(xlsx);
        assertEquals(List.of(0, 2, 3), rows.stream().map(ReportRow::index).toList(), "an index names a row of the sheet");
        assertEquals("2021-01", rows.get(0).period());
        assertEquals(new BigDecimal("110"), rows.get(0).value());
        assertEquals("春节前", rows.get(0).note());
        assertFalse(rows.get(0).provisional());
        assertEquals("2021-02", rows.get(1).period(), "a date in the period column is its month");
        assertEquals("0.3", rows.get(1).valueText(), "a number to the 15 digits a spreadsheet keeps");
        assertTrue(rows.get(1).provisional());
        assertEquals("2021", rows.get(2).period());
        assertEquals(new BigDecimal("5400.5"), rows.get(2).value());
    }

    @Test
    void aWorkbookThatCannotBeReadWholeIsRefusedWithItsReason() {
        assertThrows(MalformedRequestException.class, () -> reader.xlsx(CSV.getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedRequestException.class, () -> reader.xlsx(new byte[0]));
        assertThrows(MalformedRequestException.class, () -> reader.xlsx(Workbooks.of()));
        MalformedRequestException colour = assertThrows(MalformedRequestException.class, () -> reader.xlsx(
                Workbooks.of(new Object[] {"indicatorId", "period", "value", "colour"})));
        assertTrue(colour.getMessage().contains("colour"), colour.getMessage());
        MalformedRequestException stray = assertThrows(MalformedRequestException.class, () -> reader.xlsx(
                Workbooks.of(new Object[] {"indicatorId", "period", "value"}, new Object[] {"T-GDP", "2021", 1, null, "x"})));
        assertTrue(stray.getMessage().contains("column E"), stray.getMessage());
        assertThrows(MalformedRequestException.class, () -> reader.xlsx(Workbooks.of(
                new Object[] {"indicatorId", "period", "value", "Value"})));
        ReportRow bad = reader.xlsx(Workbooks.of(new Object[] {"indicatorId", "period", "value"},
                new Object[] {"T-GDP", "2021", LocalDate.of(2021, 3, 1)})).get(0);
        assertEquals(List.of(RowCode.VALUE_INVALID), bad.readIssues().stream().map(i -> i.code()).toList());
        assertThrows(PayloadTooLargeException.class, () -> reader.xlsx(Workbooks.of(
                new Object[] {"indicatorId", "period", "value"}, new Object[] {"A", "2021", 1}, new Object[] {"A", "2022", 1},
                new Object[] {"A", "2023", 1}, new Object[] {"A", "2024", 1})));
    }

    @Test
    void columnsAreNamedAsASpreadsheetNamesThem() {
        assertEquals(List.of("A", "Z", "AA", "AB", "ZZ", "AAA"), List.of(0, 25, 26, 27, 701, 702).stream()
                .map(SheetReader::columnName).toList());
        assertEquals(List.of(0, 25, 26, 27, 701, 702), List.of("A1", "Z9", "AA1", "ab3", "ZZ10", "AAA1").stream()
                .map(SheetReader::column).toList());
    }

    @Test
    void aBatchOverTheRowLimitIsTooLarge() {
        String csv = "indicatorId,period,value\nA,2021,1\nA,2022,1\nA,2023,1\nA,2024,1\n";
        assertThrows(PayloadTooLargeException.class, () -> reader.csv(csv.getBytes(StandardCharsets.UTF_8), "text/csv"));
        String json = "{\"reports\": [{}, {}, {}, {}]}";
        assertThrows(PayloadTooLargeException.class, () -> reader.batch(reader.parseJson(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void readsJsonReportsWithEveryTypeProblemAsARowIssue() {
        ReportRow ok = reader.single(reader.parseJson("""
                {"indicatorId": "T-GDP", "period": 2021, "value": 5400.50, "provisional": true, "note": "快报", "source": "快报"}"""
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("2021", ok.period());
        assertEquals(0, new BigDecimal("5400.5").compareTo(ok.value()));
        assertTrue(ok.readIssues().isEmpty());
        ReportRow wrong = reader.single(reader.parseJson("""
                {"indicatorId": 7, "period": ["2021"], "value": "a lot", "provisional": "yes", "colour": "red"}"""
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(RowCode.UNKNOWN_FIELD, RowCode.UNKNOWN_INDICATOR, RowCode.PERIOD_INVALID, RowCode.VALUE_INVALID,
                RowCode.VALUE_INVALID), wrong.readIssues().stream().map(i -> i.code()).toList());
        ReportRow text = reader.single(reader.parseJson("{\"value\": \"12.5\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new BigDecimal("12.5"), text.value());
    }

    @Test
    void aBodyThatIsNotABatchIsMalformed() {
        assertThrows(MalformedRequestException.class, () -> reader.parseJson("{\"reports\": [".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedRequestException.class, () -> reader.batch(reader.parseJson("[]".getBytes(StandardCharsets.UTF_8))));
        assertThrows(MalformedRequestException.class, () -> reader.batch(reader.parseJson("{\"rows\": []}".getBytes(StandardCharsets.UTF_8))));
        assertThrows(MalformedRequestException.class, () -> reader.batch(reader.parseJson(
                "{\"reports\": [], \"atomic\": \"yes\"}".getBytes(StandardCharsets.UTF_8))));
        assertThrows(MalformedRequestException.class, () -> reader.single(reader.parseJson("[1]".getBytes(StandardCharsets.UTF_8))));
        assertThrows(MalformedRequestException.class, () -> reader.parseJson("{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8)));
        BatchRequest batch = reader.batch(reader.parseJson("{\"reports\": [5], \"dryRun\": true}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(RowCode.VALUE_INVALID, batch.rows().get(0).readIssues().get(0).code());
        assertTrue(batch.dryRun());
    }

    @Test
    void numbersArePlainDecimals() {
        assertEquals(new BigDecimal("1234.5"), ReportReader.number(" 1234.5 "));
        assertEquals(new BigDecimal("-3"), ReportReader.number("-3"));
        assertEquals(new BigDecimal("1E+3"), ReportReader.number("1e3"));
        for (String bad : List.of("1,234", "NaN", "Infinity", "", "12亿", "0x10", "1e99999")) {
            assertNull(ReportReader.number(bad), bad);
        }
    }

    @Test
    void idempotencyFingerprintsIgnoreKeyOrderAndNumberSpelling() {
        var a = IdempotencyKey.ofJson("k", "reports", reader.parseJson("{\"value\": 1.50, \"period\": \"2021\"}".getBytes()));
        var b = IdempotencyKey.ofJson("k", "reports", reader.parseJson("{\"period\": \"2021\", \"value\": 1.5}".getBytes()));
        var c = IdempotencyKey.ofJson("k", "reports", reader.parseJson("{\"period\": \"2021\", \"value\": 1.6}".getBytes()));
        var d = IdempotencyKey.ofJson("k", "reports/batch", reader.parseJson("{\"period\": \"2021\", \"value\": 1.5}".getBytes()));
        assertEquals(a.requestHash(), b.requestHash());
        assertFalse(a.requestHash().equals(c.requestHash()));
        assertFalse(a.requestHash().equals(d.requestHash()));
    }
}
