package io.planpulse.indicators.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.indicators.testing.ServiceTest;
import io.planpulse.testing.Tokens.Forgery;
import io.planpulse.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every way of writing reports (one, a JSON, CSV or workbook batch, a replace) against every kind of token: each
 * role of the indicator's own department and of another, an admin, no token, and tokens forged in
 * every way. Only a reporter of the owning department and an admin store anything.
 */
@QuarkusTest
class WriteAccessTest extends ServiceTest {

    /** T-GDP is owned by STATS; PBOC owns other indicators. */
    private static final String OWN = "STATS";
    private static final String OTHER = "PBOC";

    /** What a write of one T-GDP value carrying {@code note} sends, by endpoint. */
    private static final Map<String, Function<String, Function<RequestSpecification, Response>>> ENDPOINTS = Map.of(
            "single", note -> r -> r.contentType("application/json")
                    .body("{\"indicatorId\": \"T-GDP\", \"period\": \"2021\", \"value\": 5000, \"note\": \"" + note + "\"}")
                    .post("/api/v1/reports"),
            "json batch", note -> r -> r.contentType("application/json")
                    .body("{\"reports\": [{\"indicatorId\": \"T-GDP\", \"period\": \"2021\", \"value\": 5000, \"note\": \""
                            + note + "\"}]}")
                    .post("/api/v1/reports/batch"),
            "csv batch", note -> r -> r.contentType("text/csv; charset=UTF-8")
                    .body("indicatorId,period,value,provisional,note,reason\nT-GDP,2021,5000,false," + note + ",\n")
                    .post("/api/v1/reports/batch"),
            "replace", note -> r -> r.contentType("application/json")
                    .body("{\"replace\": {\"from\": \"2021\", \"to\": \"2021\", \"reason\": \"更正\"}, \"reports\": "
                            + "[{\"indicatorId\": \"T-GDP\", \"period\": \"2021\", \"value\": 5000, \"note\": \""
                            + note + "\"}]}")
                    .post("/api/v1/reports/batch"),
            "workbook batch", note -> r -> r.contentType(ReportResource.XLSX)
                    .body(Workbooks.of(new Object[] {"indicatorId", "period", "value", "note"},
                            new Object[] {"T-GDP", "2021", 5000, note}))
                    .post("/api/v1/reports/batch"));

    /** How a write ends: stored, refused for the row (a batch stores nothing of it), or refused whole. */
    private enum Expected {
        STORED, FORBIDDEN_INDICATOR, FORBIDDEN, UNAUTHORIZED
    }

    @Test
    void onlyTheOwningDepartmentsReporterAndAnAdminStoreReports() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (String role : List.of("reporter", "planner", "viewer", "admin")) {
            for (String dept : List.of(OWN, OTHER)) {
                String name = role + " of " + (dept.equals(OWN) ? "the owning department" : "another department");
                tokens.put(name, Tokens.token(role, dept));
                expected.put(name, role.equals("admin") || role.equals("reporter") && dept.equals(OWN) ? Expected.STORED
                        : role.equals("reporter") ? Expected.FORBIDDEN_INDICATOR : Expected.FORBIDDEN);
            }
        }
        tokens.put("admin without a department", Tokens.token("admin", null));
        expected.put("admin without a department", Expected.STORED);
        tokens.put("no token", null);
        expected.put("no token", Expected.UNAUTHORIZED);
        for (Forgery forgery : Forgery.values()) {
            tokens.put("admin token " + forgery, Tokens.forged(forgery));
            expected.put("admin token " + forgery, Expected.UNAUTHORIZED);
        }

        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (var endpoint : ENDPOINTS.entrySet()) {
            for (var token : tokens.entrySet()) {
                String note = "access-" + n++;
                RequestSpecification request = token.getValue() == null ? given() : given().auth().oauth2(token.getValue());
                Response response = endpoint.getValue().apply(note).apply(request);
                Expected want = expected.get(token.getKey());
                String got = outcome(response, endpoint.getKey().equals("single"));
                int stored = stored(note);
                if (!got.equals(want.name()) || stored != (want == Expected.STORED ? 1 : 0)) {
                    wrong.add(endpoint.getKey() + " with " + token.getKey() + ": expected " + want + ", got " + got
                            + " and " + stored + " stored (" + response.statusCode() + " " + response.asString() + ")");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static String outcome(Response response, boolean single) {
        int status = response.statusCode();
        if (status == 401) {
            return Expected.UNAUTHORIZED.name();
        }
        if (status == 403) {
            // a replace reaching another department's indicator is refused whole, for that indicator
            return List.of("FORBIDDEN_INDICATOR", "FORBIDDEN_SCOPE").contains(response.path("code"))
                    ? Expected.FORBIDDEN_INDICATOR.name() : Expected.FORBIDDEN.name();
        }
        if (single && status == 201 || !single && status == 200
                && response.<Integer>path("created") + response.<Integer>path("revised") == 1) {
            return Expected.STORED.name();
        }
        if (!single && status == 200 && List.of("FORBIDDEN_INDICATOR").equals(response.path("conflicts.code"))) {
            return Expected.FORBIDDEN_INDICATOR.name();
        }
        return "HTTP " + status;
    }

    private int stored(String note) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from report_revision where note = ?")) {
            s.setString(1, note);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
