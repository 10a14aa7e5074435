package io.planpulse.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.local.KafkaBroker;
import io.planpulse.reporting.testing.TestPlan;
import io.planpulse.testing.EventPublisher;
import io.planpulse.testing.Fuzz;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every read of progress and every board page, with ids and parameters from {@link Fuzz} (and
 * sometimes a real id, so that odd parameters reach the computations): never a 5xx, never a stack
 * trace; a refusal is a problem with a code (or, for a page, a page that says why).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class FuzzTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    private final Fuzz fuzz = new Fuzz(Fuzz.seed());
    private final List<String> failures = new ArrayList<>();

    @Test
    void readsAndPagesNeverFail() {
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            TestPlan.publishPlan(publisher);
            publisher.report(TestPlan.report("R-GDP", "2022", 1, "5400", Instant.parse("2026-01-10T00:00:00Z")));
        }
        String viewer = Tokens.viewer();
        String session = given().redirects().follow(false).queryParam("token", Tokens.shortLived("viewer", "DRC", 300))
                .get("/login").cookie("planpulse_board");
        for (int i = 0; i < Fuzz.cases(150); i++) {
            String indicator = i % 3 == 0 ? "R-GDP" : fuzz.parameter();
            String plan = i % 3 == 1 ? "rep-test" : fuzz.parameter();
            String dept = i % 2 == 0 ? "STATS" : fuzz.parameter();
            Map<String, String> query = Map.of("asOf", i % 4 == 0 ? "2026-03-01T00:00:00Z" : fuzz.parameter(),
                    "format", i % 2 == 0 ? "xlsx" : fuzz.parameter(), "planId", plan, "plan", plan,
                    "lang", fuzz.parameter(), "status", fuzz.parameter(), "binding", fuzz.parameter(),
                    "dept", dept);
            String input = indicator + " | " + plan + " | " + dept + " | " + query;
            for (String path : List.of("/api/v1/progress/indicators/" + Fuzz.encoded(indicator),
                    "/api/v1/progress/indicators/" + Fuzz.encoded(indicator) + "/history", "/api/v1/progress/plans/" + Fuzz.encoded(plan),
                    "/api/v1/progress/plans/" + Fuzz.encoded(plan) + "/export", "/api/v1/progress/departments/" + Fuzz.encoded(dept))) {
                check(path, false, input, () -> given().urlEncodingEnabled(false).auth().oauth2(viewer)
                        .queryParams(encoded(query)).get(path));
            }
            for (String path : List.of("/", "/departments/" + Fuzz.encoded(dept), "/indicators/" + Fuzz.encoded(indicator))) {
                check(path, true, input, () -> given().urlEncodingEnabled(false).cookie("planpulse_board", session)
                        .queryParams(encoded(query)).get(path));
            }
            String token = fuzz.parameter();
            check("/login", true, token, () -> given().urlEncodingEnabled(false).redirects().follow(false)
                    .queryParam("token", Fuzz.encoded(token)).get("/login"));
        }
        assertEquals(List.of(), failures, "seed " + Fuzz.seed());
    }

    /** {@code page}: a board page, which may also refuse with a page that says why. */
    private void check(String name, boolean page, String input, Supplier<Response> send) {
        Response response = send.get();
        String problem = Fuzz.misbehaviour(response.statusCode(), response.contentType(), response.asString(), page);
        if (problem != null && failures.size() < 20) {
            failures.add(name + " " + problem + ": " + response.statusCode() + " " + Fuzz.abbreviate(response.asString())
                    + " for " + Fuzz.abbreviate(input));
        }
    }

    private static Map<String, String> encoded(Map<String, String> query) {
        Map<String, String> encoded = new java.util.HashMap<>();
        query.forEach((k, v) -> encoded.put(k, Fuzz.encoded(v)));
        return encoded;
    }
}
