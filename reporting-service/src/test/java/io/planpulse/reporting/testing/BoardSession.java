package io.planpulse.reporting.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.testing.Tokens;
import io.restassured.response.Response;

/** A board session, as a person gets one from a login link. */
public final class BoardSession {

    public static final String COOKIE = "planpulse_board";

    private BoardSession() {
    }

    /** Signs in with a fresh login link and returns the session cookie. */
    public static String open() {
        Response login = given().redirects().follow(false).queryParam("token", Tokens.shortLived("viewer", "DRC", 300))
                .get("/login");
        login.then().statusCode(303).header("Location", containsString("/"));
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"), setCookie);
        return login.cookie(COOKIE);
    }
}
