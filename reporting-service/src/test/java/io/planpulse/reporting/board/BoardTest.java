package io.planpulse.reporting.board;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.local.KafkaBroker;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.plan.Baseline;
import io.planpulse.model.plan.Basis;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Grain;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.IndicatorKind;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.Target;
import io.planpulse.model.plan.Trajectory;
import io.planpulse.model.plan.Window;
import io.planpulse.reporting.testing.TestPlan;
import io.planpulse.reporting.testing.BoardSession;
import io.planpulse.testing.EventPublisher;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The board: sign-in by a login link once, then a cookie; the tree in Chinese or English with
 * lagging targets first, filters, an indicator's page with who sent what and why, the board as it
 * was on a day, and the live stream of changes.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class BoardTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant REPORTED = Instant.parse("2026-01-10T00:00:00Z");

    @InjectKafkaBroker
    KafkaBroker broker;

    @TestHTTPResource("/")
    URL root;

    private static final Instant DEFINED = Instant.parse("2025-01-01T00:00:00Z");
    static final Indicator TRAINS = TestPlan.indicator("B-TRAINS", IndicatorKind.CUMULATIVE, Grain.MONTH,
            Basis.PERIOD, null, null, null, new Target("2021", null, null, new BigDecimal("1500")), null, null);
    static final Indicator GDP = units(TestPlan.indicator("B-GDP", IndicatorKind.LEVEL, Grain.YEAR, null, null,
            Trajectory.COMPOUND, new Baseline("2020", new BigDecimal("4700")),
            new Target("2025", null, null, new BigDecimal("6600")), null, null), "亿元", "100 million yuan");

    @BeforeEach
    void feed() {
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined("board-test", 1, "看板测试", "Board test", new Window("2021", "2025"),
                    "Asia/Shanghai", List.of(new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("economy", "经济", "Economy", List.of("B-GDP", "B-TRAINS"), List.of())),
                    List.of("B-TRAINS", "B-GDP"), null), DEFINED);
            for (Indicator i : List.of(TRAINS, GDP)) {
                publisher.indicator(new IndicatorDefined(i.id(), 1, "board-test", "Asia/Shanghai", List.of("economy"), i),
                        DEFINED);
            }
            publisher.report(TestPlan.report("B-TRAINS", "2021-01", 1, "110", REPORTED));
            publisher.report(TestPlan.report("B-TRAINS", "2021-02", 1, "95", REPORTED));
            publisher.report(TestPlan.report("B-TRAINS", "2021-03", 1, "160", REPORTED));
            publisher.report(TestPlan.report("B-GDP", "2022", 1, "5400", REPORTED));
        }
        awaitPage(session(), "/?plan=board-test&status=AT_RISK", "i-B-TRAINS");
        awaitPage(session(), "/?plan=board-test&status=ON_TRACK", "i-B-GDP");
    }

    private static String session() {
        return BoardSession.open();
    }

    private static String page(String cookie, String path) {
        return given().cookie("planpulse_board", cookie).get(path).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .extract().asString();
    }

    private static void awaitPage(String cookie, String path, String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = given().cookie("planpulse_board", cookie).get(path).asString();
            if (last.contains(text)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(path + " never showed " + text + ": " + last);
    }

    @Test
    void theBoardTellsBrowsersToRunOnlyItsOwnScriptsNeverInAFrameAndNotToCacheOrLeakAnything() {
        for (String path : List.of("/", "/login", "/api/v1/progress/plans/board-test")) {
            given().get(path).then()
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store");
        }
        given().get("/board/board.js").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", org.hamcrest.Matchers.not(containsString("no-store")));
        given().get("/board/board.css").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.not(containsString("no-store")));
        given().get("/q/health/live").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.nullValue());
        String html = given().cookie("planpulse_board", session()).get("/?plan=board-test").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("<script>") || html.contains("style=\""),
                "no inline script or style, which the policy would block");
    }

    @Test
    void withoutASessionThePageSaysHowToSignInAndALoginLinkWorksOnlyOnce() {
        given().get("/").then().statusCode(401).contentType(containsString("text/html"))
                .body(containsString("请登录")).body(containsString("./planpulse board"));
        given().header("Accept-Language", "en-GB,en;q=0.8").get("/").then().statusCode(401)
                .body(containsString("Please sign in"));

        String token = Tokens.shortLived("viewer", "DRC", 300);
        given().redirects().follow(false).queryParam("token", token).get("/login").then().statusCode(303);
        given().redirects().follow(false).queryParam("token", token).get("/login").then().statusCode(401)
                .body(containsString("used before"));
        given().queryParam("token", Tokens.viewer()).get("/login").then().statusCode(401)
                .body(containsString("at most 15 minutes"));
        given().queryParam("token", Tokens.signedByStranger("viewer")).get("/login").then().statusCode(401)
                .body(containsString("not valid"));
        given().get("/login").then().statusCode(401).body(containsString("no token"));
        for (Tokens.Forgery forgery : Tokens.Forgery.values()) {
            // a login link's lifetime, so that only the forgery can be why it is refused
            given().redirects().follow(false).queryParam("token", Tokens.forged(forgery, 300)).get("/login").then()
                    .statusCode(401).header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                    .body(containsString("not valid"));
            given().auth().oauth2(Tokens.forged(forgery)).get("/api/v1/progress/plans/board-test").then().statusCode(401);
        }
        given().cookie("planpulse_board", "not-a-session").get("/").then().statusCode(401);
    }

    @Test
    void aWriteOfTheBoardNeedsTheTokenOfItsPageAndComesFromItsOwnSite() {
        String cookie = session();
        String html = page(cookie, "/?plan=board-test");
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "the sign-out form carries its token");
        String token = m.group(1);
        assertTrue(html.contains("id=\"person\""), "the page says who is signed in");
        // another site's form: no token, a wrong one, or the right one sent from elsewhere
        given().cookie("planpulse_board", cookie).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .post("/logout").then().statusCode(403).contentType(containsString("text/html")).body(containsString("未作任何更改"));
        given().cookie("planpulse_board", cookie).redirects().follow(false).formParam("csrf", token + "x")
                .post("/logout").then().statusCode(403);
        given().cookie("planpulse_board", cookie).redirects().follow(false).formParam("csrf", session().substring(0, 10))
                .post("/logout").then().statusCode(403);
        given().cookie("planpulse_board", cookie).header("Origin", "https://elsewhere.example").redirects().follow(false)
                .formParam("csrf", token).post("/logout").then().statusCode(403).body(containsString("another site"));
        page(cookie, "/?plan=board-test"); // nothing changed: still signed in
        given().cookie("planpulse_board", cookie).redirects().follow(false).formParam("csrf", token).post("/logout")
                .then().statusCode(303);
        given().cookie("planpulse_board", cookie).get("/").then().statusCode(401);
    }

    @Test
    void theBoardShowsTheTreeLaggingTargetsFirstWithNumbersTrendsAndCounts() {
        String cookie = session();
        String html = page(cookie, "/?plan=board-test");
        assertTrue(html.contains("<html lang=\"zh-CN\">"), html);
        assertTrue(html.contains("看板测试"));
        assertTrue(html.indexOf("id=\"i-B-TRAINS\"") < html.indexOf("id=\"i-B-GDP\""), "at risk before on track");
        assertTrue(html.contains("进度滞后") && html.contains("序时推进"), "status labels");
        assertTrue(html.contains("<svg class=\"trend\""), "a trend chart");
        assertTrue(html.contains("<polyline class=\"trend-line\""), "a line through the values");
        assertTrue(html.contains("<svg class=\"bar\""), "a progress bar");
        assertTrue(html.contains("逾期未报"), "the late mark");
        assertTrue(html.contains("尚需年均"), "the growth still required");
        assertTrue(html.contains("<strong>2</strong><span>共 2 项指标</span>"), html);
        assertTrue(html.contains("/api/v1/progress/plans/board-test/export?format=xlsx"), "export buttons");
        assertTrue(html.contains("<a href=\"/departments/STATS?plan=board-test\">统计局</a>"), "owners link to their view");
        given().cookie("planpulse_board", cookie).get("/api/v1/progress/plans/board-test/export?format=csv").then()
                .statusCode(200).contentType(containsString("text/csv"));
        assertTrue(html.contains("href=\"/api/v1/evaluations/board-test?format=pdf\" id=\"evaluation-pdf\"")
                && html.contains("href=\"/api/v1/evaluations/board-test?format=docx\" id=\"evaluation-docx\""),
                "the evaluation report's buttons");
        given().cookie("planpulse_board", cookie).get("/api/v1/evaluations/board-test?format=pdf").then()
                .statusCode(200).contentType("application/pdf");
    }

    @Test
    void englishOnRequestOrByAcceptLanguage() {
        String cookie = session();
        given().cookie("planpulse_board", cookie).queryParam("plan", "board-test").queryParam("lang", "en").get("/").then()
                .statusCode(200).body(containsString("<html lang=\"en\">")).body(containsString("Board test"))
                .body(containsString("At risk")).body(containsString("Plan progress board"))
                .body(containsString("100 million yuan")).body(not(containsString("亿元")));
        given().cookie("planpulse_board", cookie).queryParam("plan", "board-test").get("/").then().statusCode(200)
                .body(containsString("亿元")).body(not(containsString("100 million yuan")));
        given().cookie("planpulse_board", cookie).queryParam("lang", "en").get("/indicators/B-GDP").then()
                .statusCode(200).body(containsString("100 million yuan"));
        given().cookie("planpulse_board", cookie).header("Accept-Language", "en-US,en;q=0.9").queryParam("plan", "board-test")
                .get("/").then().statusCode(200).body(containsString("On track")).body(not(containsString("序时推进")));
    }

    @Test
    void filtersByStatusBindingAndDepartment() {
        String cookie = session();
        String onTrack = page(cookie, "/?plan=board-test&status=ON_TRACK");
        assertTrue(onTrack.contains("i-B-GDP") && !onTrack.contains("i-B-TRAINS"), onTrack);
        String binding = page(cookie, "/?plan=board-test&binding=binding");
        assertTrue(binding.contains("i-B-GDP") && !binding.contains("i-B-TRAINS"), binding);
        String anticipatory = page(cookie, "/?plan=board-test&binding=anticipatory");
        assertTrue(!anticipatory.contains("i-B-GDP") && anticipatory.contains("i-B-TRAINS"), anticipatory);
        String department = page(cookie, "/departments/STATS?plan=board-test");
        assertTrue(department.contains("统计局") && department.contains("i-B-GDP"), department);
        String nobody = page(cookie, "/departments/NOBODY?plan=board-test");
        assertTrue(nobody.contains("没有符合条件的指标"), nobody);

        given().cookie("planpulse_board", cookie).get("/?plan=board-test&status=SIDEWAYS").then().statusCode(400)
                .body("code", equalTo("INVALID_STATUS"));
        given().cookie("planpulse_board", cookie).get("/?plan=board-test&asOf=yesterday").then().statusCode(400)
                .body("code", equalTo("INVALID_AS_OF"));
        given().cookie("planpulse_board", cookie).get("/?plan=no-such-plan").then().statusCode(404);
    }

    @Test
    void anIndicatorPageShowsItsHistoryAndWhoSentEachRevisionAndWhy() {
        String html = page(session(), "/indicators/B-TRAINS");
        assertTrue(html.contains("id=\"revisions\"") && html.contains("reporter-stats") && html.contains("月报"), html);
        assertTrue(html.contains("2021-03") && html.contains("统计局"), "period and department");
        assertTrue(html.contains("id=\"history\"") && html.contains("进度滞后"), "the status after each change");
        assertTrue(html.contains("viewBox=\"0 0 640 200\""), "the larger trend chart");
    }

    @Test
    void asOfADayTheBoardShowsWhatWasKnownThen() {
        String cookie = session();
        String before = page(cookie, "/?plan=board-test&asOf=2026-01-09");
        assertTrue(before.contains("截至 2026-01-09") && before.contains("data-live=\"false\""), before);
        assertTrue(before.contains("data-id=\"B-TRAINS\" data-status=\"NO_DATA\""), "nothing had been reported by then");
        String after = page(cookie, "/?plan=board-test&asOf=2026-01-10");
        assertTrue(after.contains("data-id=\"B-TRAINS\" data-status=\"AT_RISK\""), "the reports of 2026-01-10 count by "
                + "its end");
    }

    @Test
    void anOpenBoardHearsAChangeOfProgress() throws Exception {
        String cookie = session();
        HttpURLConnection events = (HttpURLConnection) new URL(root, "/board/events?plan=rep-live").openConnection();
        events.setRequestProperty("Cookie", "planpulse_board=" + cookie);
        events.setReadTimeout((int) WAIT.toMillis());
        CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                boolean progress = false;
                while ((line = lines.readLine()) != null) {
                    progress |= line.equals("event:progress") || line.equals("event: progress");
                    if (progress && line.startsWith("data:") && line.contains("R-LIVE")) {
                        return line;
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (EventPublisher publisher = new EventPublisher(broker.bootstrapServers())) {
            publisher.plan(new PlanDefined("rep-live", 1, "实时测试", null, new Window("2021", "2025"), "Asia/Shanghai",
                    List.of(new Department("STATS", "统计局", null)),
                    List.of(new PlanNode("all", "全部", null, List.of("R-LIVE"), List.of())), List.of("R-LIVE"), null), REPORTED);
            publisher.indicator(new IndicatorDefined("R-LIVE", 1, "rep-live", "Asia/Shanghai", List.of("all"),
                    copy(TRAINS)), REPORTED);
            // The board follows the topic from its end: report again until the stream, once open, hears one.
            for (int revision = 1; !heard.isDone() && revision <= WAIT.toSeconds(); revision++) {
                publisher.report(TestPlan.report("R-LIVE", "2021-01", revision, Integer.toString(100 + revision),
                        REPORTED.plusSeconds(revision)));
                sleep(1000);
            }
        }
        String line = heard.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        events.disconnect();
        assertTrue(line != null && line.contains("\"planId\":\"rep-live\""), line);
        given().get("/board/events?plan=board-test").then().statusCode(401);
    }

    private static Indicator copy(Indicator i) {
        return copy(i, "R-LIVE", i.unit(), i.unitEn());
    }

    private static Indicator units(Indicator i, String unit, String unitEn) {
        return copy(i, i.id(), unit, unitEn);
    }

    private static Indicator copy(Indicator i, String id, String unit, String unitEn) {
        return new Indicator(id, i.name(), i.nameEn(), unit, unitEn, i.kind(), i.frequency(),
                i.direction(), i.owners(), i.binding(), i.weight(), i.riskBand(), i.dueDays(), i.basis(), i.input(),
                i.trajectory(), i.baseline(), i.target(), i.stages(), i.benchmark(), i.subject(), i.window(), i.note());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
