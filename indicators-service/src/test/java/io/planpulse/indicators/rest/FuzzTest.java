package io.planpulse.indicators.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.testing.Fuzz;
import io.planpulse.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every way in, with inputs derived from valid ones by {@link Fuzz}: never a 5xx, never a stack
 * trace, every refusal a problem with a code, and exactly what the answer says is stored (nothing
 * for a refusal).
 */
@QuarkusTest
class FuzzTest extends ServiceTest {

    private static final String REPORT = """
            {"indicatorId": "T-GDP", "period": "2022", "value": 5100, "provisional": false, "note": "月报",
             "reason": "更正", "source": "统计年鉴"}""";
    private static final String BATCH = """
            {"atomic": false, "dryRun": false, "reports": [
              {"indicatorId": "T-GDP", "period": "2023", "value": 5300},
              {"indicatorId": "T-TRAINS", "period": "2021-02", "value": 95, "note": "含加开"},
              {"indicatorId": "T-DEPOT", "period": "2021-06", "stage": 1},
              {"indicatorId": "T-PROV", "period": "2022", "withdrawn": true, "reason": "口径调整"}]}""";
    private static final String CSV = "indicatorId,period,value,provisional,note,reason\n"
            + "T-GDP,2024,5500,false,年报,\nT-TRAINS,2021-03,160,是,\"含\"\"加开\"\"\",\n";

    private final Fuzz fuzz = new Fuzz(Fuzz.seed());
    private final String admin = Tokens.token("admin", null);
    private final List<String> failures = new ArrayList<>();

    @Test
    void writesNeverFailAndStoreExactlyWhatTheySay() throws Exception {
        for (int i = 0; i < Fuzz.cases(250); i++) {
            String single = fuzz.json(REPORT);
            String key = i % 4 == 0 ? fuzz.parameter() : "fuzz-" + i;
            check("single #" + i + " key " + key, single, () -> given().auth().oauth2(admin)
                    .header("Idempotency-Key", key).contentType("application/json")
                    .body(single.getBytes(StandardCharsets.UTF_8)).post("/api/v1/reports"));
            String batch = fuzz.json(BATCH);
            check("batch #" + i, batch, () -> given().auth().oauth2(admin).contentType("application/json")
                    .body(batch.getBytes(StandardCharsets.UTF_8)).post("/api/v1/reports/batch"));
            byte[] csv = fuzz.csv(CSV);
            String atomic = i % 3 == 0 ? fuzz.parameter() : "false";
            String type = i % 5 == 0 ? "text/csv; charset=" + fuzz.parameter() : "text/csv";
            check("csv #" + i + " " + type + " atomic=" + atomic, new String(csv, StandardCharsets.UTF_8), () -> given()
                    .auth().oauth2(admin).contentType(type).queryParam("atomic", atomic).body(csv)
                    .post("/api/v1/reports/batch"));
        }
        failures.addAll(valuesADoubleCannotHold());
        assertEquals(List.of(), failures, "seed " + Fuzz.seed());
    }

    @Test
    void queriesNeverFail() throws Exception {
        for (int i = 0; i < Fuzz.cases(250); i++) {
            String indicator = fuzz.parameter();
            String period = fuzz.parameter();
            String page = fuzz.parameter();
            String size = i % 2 == 0 ? fuzz.parameter() : "10";
            check("reports #" + i, indicator + " " + period + " " + page + " " + size, () -> given().auth().oauth2(admin)
                    .queryParam("indicatorId", indicator).queryParam("period", period).queryParam("page", page)
                    .queryParam("size", size).get("/api/v1/reports"));
            String dept = fuzz.parameter();
            check("obligations #" + i, dept, () -> given().auth().oauth2(admin).queryParam("dept", dept)
                    .get("/api/v1/obligations"));
        }
        assertEquals(List.of(), failures, "seed " + Fuzz.seed());
    }

    private void check(String name, String input, Supplier<Response> send) throws Exception {
        int before = revisions();
        Response response = send.get();
        int stored = revisions() - before;
        String problem = Fuzz.misbehaviour(response.statusCode(), response.contentType(), response.asString(), false);
        if (problem == null && stored != expectedStored(response)) {
            problem = "stored " + stored + " revisions, the answer says " + expectedStored(response);
        }
        if (problem != null && failures.size() < 20) {
            failures.add(name + " " + problem + ": " + response.statusCode() + " " + Fuzz.abbreviate(response.asString())
                    + " for " + Fuzz.abbreviate(input));
        }
    }

    /** What an answer says was stored: a 201 one revision, a batch summary its new revisions. */
    private static int expectedStored(Response response) {
        if (response.statusCode() == 201) {
            return 1;
        }
        if (response.statusCode() == 200 && response.contentType().startsWith("application/json")
                && response.path("received") != null && Boolean.TRUE.equals(response.path("stored"))) {
            return response.<Integer>path("created") + response.<Integer>path("revised")
                    + response.<Integer>path("withdrawn");
        }
        return 0;
    }

    /** Stored values that reporting-service's doubles would change: out of range, or more digits than a double holds. */
    private List<String> valuesADoubleCannotHold() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select value from report_revision where value is not null")) {
            while (rows.next()) {
                BigDecimal value = rows.getBigDecimal(1);
                if (value.abs().compareTo(new BigDecimal("1e15")) >= 0
                        || value.compareTo(new BigDecimal(Double.toString(value.doubleValue()))) != 0) {
                    wrong.add("stored the value " + Fuzz.abbreviate(value.toString()));
                }
            }
        }
        return wrong;
    }

    private int revisions() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from report_revision")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
