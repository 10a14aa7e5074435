package io.planpulse.indicators.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.planpulse.indicators.testing.Catalogue;
import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches in JSON, CSV and Excel workbooks: summaries, conflicts, atomic and dry runs, limits. */
@QuarkusTest
class BatchTest extends ServiceTest {

    @BeforeEach
    void sendCsvWithoutADefaultCharset() {
        // send text/csv as a department system does: without a charset unless it says one
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    private static String pboc() {
        return Tokens.token("reporter", "PBOC");
    }

    private long revisions(String indicatorId) {
        long[] count = new long[1];
        Catalogue.await(db, "select count(*) from report_revision where indicator_id = '" + indicatorId + "'",
                n -> {
                    count[0] = n;
                    return true;
                }, Duration.ofSeconds(1));
        return count[0];
    }

    @Test
    void aMixedBatchStoresWhatItCanAndListsEveryConflictAndWarning() {
        given().auth().oauth2(pboc()).contentType(ContentType.JSON).body("""
                {"reports": [
                  {"indicatorId": "T-FX", "period": "2021-01", "value": 20},
                  {"indicatorId": "T-FX", "period": "2021-02", "value": 35, "provisional": true},
                  {"indicatorId": "T-FX", "period": "2021-03", "value": 30, "note": "退汇冲减"},
                  {"indicatorId": "T-FX", "period": "2021-04", "value": 4800},
                  {"indicatorId": "T-TRAINS", "period": "2021-01", "value": 110},
                  {"indicatorId": "T-FX", "period": "2021-02", "value": 36},
                  {"indicatorId": "T-FX", "period": "2021-13", "value": 1},
                  {"indicatorId": "T-FX", "period": "2021-05", "value": "四十"}
                ]}""").post("/api/v1/reports/batch").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("received", equalTo(8))
                .body("created", equalTo(4))
                .body("revised", equalTo(0))
                .body("unchanged", equalTo(0))
                .body("rejected", equalTo(4))
                .body("stored", equalTo(true))
                .body("conflicts.index", equalTo(List.of(4, 5, 6, 7)))
                .body("conflicts.code", equalTo(List.of("FORBIDDEN_INDICATOR", "DUPLICATE_ROW", "PERIOD_INVALID",
                        "VALUE_INVALID")))
                .body("conflicts[0].indicatorId", equalTo("T-TRAINS"))
                .body("conflicts[0].period", equalTo("2021-01"))
                .body("warnings.index", equalTo(List.of(2, 3)))
                .body("warnings.code", equalTo(List.of("YTD_DECREASE", "OUTLIER")));
        given().auth().oauth2(pboc()).contentType(ContentType.JSON).body("""
                {"reports": [
                  {"indicatorId": "T-FX", "period": "2021-01", "value": 20},
                  {"indicatorId": "T-FX", "period": "2021-02", "value": 35},
                  {"indicatorId": "T-FX", "period": "2021-04", "withdrawn": true, "reason": "单位错误"}
                ]}""").post("/api/v1/reports/batch").then().statusCode(200)
                .body("unchanged", equalTo(1))
                .body("revised", equalTo(1))
                .body("withdrawn", equalTo(1))
                .body("rejected", equalTo(0));
    }

    @Test
    void anAtomicBatchWithAConflictStoresNothingAndADryRunNothingEither() {
        long before = revisions("T-GDP");
        given().auth().oauth2(Tokens.token("reporter", "STATS")).contentType(ContentType.JSON).body("""
                {"atomic": true, "reports": [
                  {"indicatorId": "T-GDP", "period": "2021", "value": 5000},
                  {"indicatorId": "T-GDP", "period": "2030", "value": 9000}
                ]}""").post("/api/v1/reports/batch").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("BATCH_REJECTED"))
                .body("created", equalTo(1))
                .body("rejected", equalTo(1))
                .body("stored", equalTo(false))
                .body("conflicts[0].code", equalTo("PERIOD_OUTSIDE_WINDOW"));
        given().auth().oauth2(Tokens.token("reporter", "STATS")).contentType(ContentType.JSON).body("""
                {"dryRun": true, "reports": [{"indicatorId": "T-GDP", "period": "2021", "value": 5000}]}""")
                .post("/api/v1/reports/batch").then().statusCode(200)
                .body("created", equalTo(1)).body("dryRun", equalTo(true)).body("stored", equalTo(false));
        org.junit.jupiter.api.Assertions.assertEquals(before, revisions("T-GDP"));
        given().auth().oauth2(Tokens.token("reporter", "STATS")).contentType(ContentType.JSON).body("""
                {"atomic": true, "reports": [{"indicatorId": "T-GDP", "period": "2021", "value": 5000}]}""")
                .post("/api/v1/reports/batch").then().statusCode(200).body("created", equalTo(1)).body("stored", equalTo(true));
        org.junit.jupiter.api.Assertions.assertEquals(before + 1, revisions("T-GDP"));
    }

    static final String CSV = "indicatorId,period,value,provisional,note,reason\r\n"
            + "T-TRAINS,2021-06,120,false,\"含加开班列，共 3 列\",\r\n"
            + "T-TRAINS,2021-07,118,是,暑运,\r\n";

    @Test
    void csvArrivesAsExcelSavesItInUtf8WithAndWithoutBomAndInGb18030() {
        byte[] utf8 = CSV.getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType("text/csv").body(utf8)
                .post("/api/v1/reports/batch").then().statusCode(200).body("created", equalTo(2));
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType("text/csv").body(bom)
                .post("/api/v1/reports/batch").then().statusCode(200).body("unchanged", equalTo(2));
        byte[] gb = CSV.replace("暑运", "暑运高峰").getBytes(Charset.forName("GB18030"));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType("text/csv").body(gb)
                .post("/api/v1/reports/batch").then().statusCode(200)
                .body("unchanged", equalTo(1)).body("revised", equalTo(1));
        given().auth().oauth2(Tokens.viewer()).queryParam("indicatorId", "T-TRAINS").queryParam("period", "2021-07")
                .get("/api/v1/reports").then().body("items[0].note", equalTo("暑运高峰"))
                .body("items[0].provisional", equalTo(true));
        given().auth().oauth2(Tokens.viewer()).queryParam("indicatorId", "T-TRAINS").queryParam("period", "2021-06")
                .get("/api/v1/reports").then().body("items[0].note", equalTo("含加开班列，共 3 列"));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType("text/csv")
                .queryParam("dryRun", true).body("indicatorId,period,value\nT-TRAINS,2021-08,abc\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/reports/batch").then().statusCode(200)
                .body("rejected", equalTo(1)).body("conflicts[0].code", equalTo("VALUE_INVALID"))
                .body("dryRun", equalTo(true));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType("text/csv")
                .body("indicatorId,period,amount\nT-TRAINS,2021-08,1\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/reports/batch").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("amount"));
    }

    @Test
    void anExcelWorkbookIsABatchAsItsCsvIs() {
        // other tests report these periods too, in an order not fixed: a note of its own makes each row new
        String note = "workbook " + System.nanoTime();
        byte[] xlsx = Workbooks.of(new Object[] {"indicatorId", "period", "value", "provisional", "note"},
                new Object[] {"T-TRAINS", "2021-09", 130, false, note},
                new Object[] {"T-TRAINS", java.time.LocalDate.of(2021, 10, 1), 125, "是", note});
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ReportResource.XLSX).body(xlsx)
                .queryParam("dryRun", true).post("/api/v1/reports/batch").then().statusCode(200)
                .body("received", equalTo(2)).body("rejected", equalTo(0)).body("unchanged", equalTo(0))
                .body("stored", equalTo(false));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ReportResource.XLSX).body(xlsx)
                .post("/api/v1/reports/batch").then().statusCode(200).body("rejected", equalTo(0))
                .body("stored", equalTo(true));
        given().auth().oauth2(Tokens.viewer()).queryParam("indicatorId", "T-TRAINS").queryParam("period", "2021-10")
                .get("/api/v1/reports").then().body("items[0].value", equalTo(125))
                .body("items[0].provisional", equalTo(true)).body("items[0].note", equalTo(note));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ReportResource.XLSX).body(xlsx)
                .post("/api/v1/reports/batch").then().statusCode(200).body("unchanged", equalTo(2));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ReportResource.XLSX)
                .body(CSV.getBytes(StandardCharsets.UTF_8)).post("/api/v1/reports/batch").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(".xlsx"));
        given().auth().oauth2(Tokens.token("reporter", "PBOC")).contentType(ReportResource.XLSX).body(xlsx)
                .post("/api/v1/reports/batch").then().statusCode(200).body("rejected", equalTo(2))
                .body("conflicts[0].code", equalTo("FORBIDDEN_INDICATOR"));
    }

    @Test
    void limitsAreAnsweredWithProblemsNever500() {
        StringBuilder rows = new StringBuilder("{\"reports\": [");
        for (int i = 0; i < 10_001; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"indicatorId\": \"T-TRAINS\", \"period\": \"2021-01\", \"value\": 1}");
        }
        rows.append("]}");
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ContentType.JSON).body(rows.toString())
                .post("/api/v1/reports/batch").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
        byte[] huge = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ContentType.JSON).body(huge)
                .post("/api/v1/reports/batch").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ContentType.JSON)
                .body("{\"reports\": {\"indicatorId\": \"T-TRAINS\"}}").post("/api/v1/reports/batch").then()
                .statusCode(400).body("code", equalTo("MALFORMED_BODY"));
        given().auth().oauth2(Tokens.token("reporter", "TRANSPORT")).contentType(ContentType.JSON)
                .body("{\"reports\": [{\"indicatorId\": [\"T\"], \"period\": {}, \"value\": true, \"note\": 5}]}")
                .post("/api/v1/reports/batch").then().statusCode(200)
                .body("rejected", equalTo(1)).body("conflicts", hasSize(1));
    }
}
