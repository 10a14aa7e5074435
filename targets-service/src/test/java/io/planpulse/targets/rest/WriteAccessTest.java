package io.planpulse.targets.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.targets.testing.TestPlans;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens.Forgery;
import io.planpulse.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Creating, replacing and deleting plans against every kind of token: each role of two
 * departments, an admin, no token, and tokens forged in every way. Only planners and admins write;
 * a refused write leaves the plans as they were.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class WriteAccessTest {

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    private static int put(String token, String planId, String prefix, int target) {
        return as(token).contentType(ContentType.JSON).body(TestPlans.small(planId, prefix, target))
                .put("/api/v1/plans/" + planId).statusCode();
    }

    /** The plan's target for its GDP indicator, or 0 when there is no such plan. */
    private static int target(String planId, String prefix) {
        var response = given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/" + planId);
        return response.statusCode() == 404 ? 0
                : response.<Integer>path("indicators.find { it.id == '" + prefix + "-GDP' }.target.value");
    }

    @Test
    void onlyPlannersAndAdminsWritePlans() {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Integer> refusal = new LinkedHashMap<>();
        for (String role : List.of("reporter", "planner", "viewer", "admin")) {
            for (String dept : List.of("DRC", "STATS")) {
                tokens.put(role + " of " + dept, Tokens.token(role, dept));
                refusal.put(role + " of " + dept, role.equals("planner") || role.equals("admin") ? null : 403);
            }
        }
        tokens.put("admin without a department", Tokens.token("admin", null));
        refusal.put("admin without a department", null);
        tokens.put("no token", null);
        refusal.put("no token", 401);
        for (Forgery forgery : Forgery.values()) {
            tokens.put("admin token " + forgery, Tokens.forged(forgery));
            refusal.put("admin token " + forgery, 401);
        }

        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (var token : tokens.entrySet()) {
            String planId = "access-" + n;
            String prefix = "AC" + n++;
            Integer refused = refusal.get(token.getKey());
            int created = put(token.getValue(), planId, prefix, 6600);
            if (refused != null) {
                // the plan is made by a planner, and the refused token may neither replace nor delete it
                int madeByPlanner = put(Tokens.planner(), planId, prefix, 6600);
                int replaced = put(token.getValue(), planId, prefix, 7000);
                int deleted = as(token.getValue()).delete("/api/v1/plans/" + planId).statusCode();
                List<Integer> got = List.of(created, madeByPlanner, replaced, deleted, target(planId, prefix));
                if (!got.equals(List.of(refused, 201, refused, refused, 6600))) {
                    wrong.add(token.getKey() + ": create, planner's create, replace, delete, target left = " + got
                            + ", expected " + List.of(refused, 201, refused, refused, 6600));
                }
            } else {
                int replaced = put(token.getValue(), planId, prefix, 7000);
                int target = target(planId, prefix);
                int deleted = as(token.getValue()).delete("/api/v1/plans/" + planId).statusCode();
                List<Integer> got = List.of(created, replaced, target, deleted, target(planId, prefix));
                if (!got.equals(List.of(201, 200, 7000, 204, 0))) {
                    wrong.add(token.getKey() + ": create, replace, target, delete, target left = " + got
                            + ", expected " + List.of(201, 200, 7000, 204, 0));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
