package io.planpulse.targets.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.planpulse.targets.testing.TestPlans;
import io.planpulse.testing.Fuzz;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Plan documents (JSON and YAML) and every read, with inputs derived from valid ones by {@link
 * Fuzz}: never a 5xx, never a stack trace, every refusal a problem with a code, and a plan version
 * stored exactly when the answer says so.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class FuzzTest {

    private static final String PLAN = TestPlans.small("fuzz-plan", "FZ", 6600);

    @Inject
    AgroalDataSource db;

    private final Fuzz fuzz = new Fuzz(Fuzz.seed());
    private final String planner = Tokens.planner();
    private final List<String> failures = new ArrayList<>();

    @Test
    void planDocumentsNeverFailAndAreStoredExactlyWhenTheAnswerSaysSo() throws Exception {
        given().auth().oauth2(planner).contentType("application/json").body(PLAN).put("/api/v1/plans/fuzz-plan")
                .then().statusCode(201);
        for (int i = 0; i < Fuzz.cases(250); i++) {
            String document = fuzz.json(PLAN);
            String type = i % 3 == 0 ? "application/yaml" : "application/json";
            String reason = i % 4 == 0 ? fuzz.parameter() : "fuzz";
            check("plan #" + i + " " + type + " reason " + reason, document, () -> given().auth().oauth2(planner)
                    .contentType(type).queryParam("reason", reason).body(document.getBytes(StandardCharsets.UTF_8))
                    .put("/api/v1/plans/fuzz-plan"));
        }
        assertEquals(List.of(), failures, "seed " + Fuzz.seed());
    }

    @Test
    void readsAndDeletesNeverFail() throws Exception {
        for (int i = 0; i < Fuzz.cases(150); i++) {
            String id = fuzz.parameter();
            String accept = i % 2 == 0 ? "application/json" : fuzz.parameter();
            for (String path : List.of("/api/v1/plans/{id}", "/api/v1/plans/{id}/departments", "/api/v1/indicators/{id}",
                    "/api/v1/indicators/{id}/history")) {
                check(path + " #" + i, id, () -> given().urlEncodingEnabled(false).auth().oauth2(planner)
                        .header("Accept", accept).get(path.replace("{id}", Fuzz.encoded(id))));
            }
            String ifMatch = fuzz.parameter();
            String reason = fuzz.parameter();
            check("delete #" + i, id + " If-Match " + ifMatch, () -> given().urlEncodingEnabled(false).auth()
                    .oauth2(planner).header("If-Match", ifMatch).queryParam("reason", Fuzz.encoded(reason))
                    .delete("/api/v1/plans/" + Fuzz.encoded(id)));
        }
        given().urlEncodingEnabled(false).auth().oauth2(planner).get("/api/v1/plans/a%00b").then().statusCode(400)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("INVALID_CHARACTER"));
        assertEquals(List.of(), failures, "seed " + Fuzz.seed());
    }

    private void check(String name, String input, Supplier<Response> send) throws Exception {
        int before = versions();
        Response response = send.get();
        int stored = versions() - before;
        String problem = Fuzz.misbehaviour(response.statusCode(), response.contentType(), response.asString(), false);
        if (problem == null && stored != expectedStored(response)) {
            problem = "stored " + stored + " plan versions, the answer says " + expectedStored(response);
        }
        if (problem != null && failures.size() < 20) {
            failures.add(name + " " + problem + ": " + response.statusCode() + " " + Fuzz.abbreviate(response.asString())
                    + " for " + Fuzz.abbreviate(input));
        }
    }

    /** A created or replaced plan is a new version; an unchanged one and a refusal none (a deletion is one). */
    private static int expectedStored(Response response) {
        int status = response.statusCode();
        if (status == 204) {
            return 1;
        }
        if ((status == 200 || status == 201) && response.contentType().startsWith("application/json")) {
            String outcome = response.path("meta.outcome");
            return "CREATED".equals(outcome) || "REPLACED".equals(outcome) ? 1 : 0;
        }
        return 0;
    }

    private int versions() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from plan_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
