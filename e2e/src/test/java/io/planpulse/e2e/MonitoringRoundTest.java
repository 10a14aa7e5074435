package io.planpulse.e2e;

import static io.planpulse.testing.TopicReader.header;
import static io.planpulse.testing.TopicReader.ofKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.model.event.Topics;
import io.planpulse.testing.Tokens;
import io.planpulse.testing.TopicReader;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A whole monitoring round on the shipped plan, as the README walks a reader through it, against
 * the three services as built: the office switches review on, the Transport Bureau pushes its
 * first quarter, the office returns March, the bureau sends the corrected quarter again as a
 * replace, the office approves the quarter, the bureau explains why the indicator lags, the office
 * publishes the round. Every step is checked where its readers see it: the REST answers, the
 * topics (both progress bases, the decisions, the round's records, each against its schema) and
 * the board in a real browser, which shows the round as published and, after a later correction,
 * marks it.
 */
class MonitoringRoundTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFICE = Tokens.token("planner", "DRC", "zhang-drc");
    private static final String TRANSPORT = Tokens.token("reporter", "TRANSPORT", "li-transport");
    private static final String INDICATOR = "YXE-TRAINS";

    private static Services services;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browsers.chromium();
        services = Services.start();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aWholeRoundFromPushToPublicationAsTheReadmeWalksIt() throws Exception {
        // 0. the plan office switches review on
        String yaml = given().auth().oauth2(OFFICE).accept("application/yaml")
                .get(url("targets-service") + "/api/v1/plans/fyp14").then().statusCode(200).extract().asString();
        assertTrue(yaml.contains("review: false"), "the shipped plan names its office and reviews nothing yet");
        given().auth().oauth2(OFFICE).contentType("application/yaml").queryParam("reason", "monitoring rounds begin")
                .body(yaml.replace("review: false", "review: true").getBytes(StandardCharsets.UTF_8))
                .put(url("targets-service") + "/api/v1/plans/fyp14").then().statusCode(200);

        // 1. push: once indicators-service has learned that review is on, the quarter waits for review
        String quarter = "indicatorId,period,value\nYXE-TRAINS,2021-01,110\nYXE-TRAINS,2021-02,95\nYXE-TRAINS,2021-03,16\n";
        awaitTrue(() -> (int) batch(quarter, "?dryRun=true").path("submitted") == 3, "review reaches indicators-service");
        batch(quarter, "").then().statusCode(200).body("created", equalTo(3)).body("submitted", equalTo(3));
        awaitTrue(() -> submittedActual() == 221.0, "the submitted basis shows the quarter as sent");
        progress().then().body("status", equalTo("NO_DATA"));

        // 2. return: the office's queue holds the quarter, oldest first; March goes back
        given().auth().oauth2(OFFICE).get(url("indicators-service") + "/api/v1/reviews?planId=fyp14").then()
                .statusCode(200).body("items.findAll { it.indicatorId == 'YXE-TRAINS' }.period",
                        equalTo(List.of("2021-01", "2021-02", "2021-03")));
        review("{\"action\": \"RETURN\", \"comment\": \"3月与海关口径不符，请核实\", \"items\": [{\"indicatorId\": "
                + "\"YXE-TRAINS\", \"period\": \"2021-03\", \"revision\": 1}]}").then().statusCode(200)
                .body("decision", equalTo("RETURNED"));

        // 3. correct: the bureau reads what came back and sends the corrected quarter again, replacing it
        given().auth().oauth2(TRANSPORT).get(url("indicators-service") + "/api/v1/reviews?state=RETURNED&dept=TRANSPORT")
                .then().statusCode(200).body("items.reviewed.comment", hasItem("3月与海关口径不符，请核实"));
        String corrected = "indicatorId,period,value,note\nYXE-TRAINS,2021-01,110,\nYXE-TRAINS,2021-02,95,\n"
                + "YXE-TRAINS,2021-03,160,按海关口径更正\n";
        String replace = "replaceFrom=2021-01&replaceTo=2021-03&replaceReason=按海关口径更正";
        batch(corrected, "?dryRun=true&" + replace).then().statusCode(200).body("unchanged", equalTo(2))
                .body("revised", equalTo(1)).body("withdrawn", equalTo(0)).body("replace.withdrawals", equalTo(List.of()));
        batch(corrected, "?" + replace).then().statusCode(200).body("revised", equalTo(1))
                .body("submitted", equalTo(1)).body("stored", equalTo(true));
        awaitTrue(() -> submittedActual() == 365.0, "the submitted basis shows the correction");

        // 4. approve: the bureau's whole quarter at once; the official basis catches up
        review("{\"action\": \"APPROVE\", \"scope\": {\"planId\": \"fyp14\", \"dept\": \"TRANSPORT\", "
                + "\"round\": \"2021-Q1\"}}").then().statusCode(200).body("count", equalTo(3));
        awaitTrue(() -> progress().path("revision") instanceof Integer r && r == 2, "the approval reaches reporting");
        progress().then().body("status", equalTo("AT_RISK"));
        assertEquals(365.0, actual());

        // 5. explain: the round owes an explanation of the lagging indicator; the bureau gives it
        given().auth().oauth2(OFFICE).get(url("reporting-service") + "/api/v1/explanations?planId=fyp14&round=2021-Q1")
                .then().statusCode(200).body("items.indicatorId", hasItem(INDICATOR));
        given().auth().oauth2(TRANSPORT).contentType("application/json")
                .body("{\"cause\": \"一季度线路检修，班列停运两周\", \"measures\": \"二季度起每周加开两列\", "
                        + "\"expectedRecovery\": \"2021年三季度\"}")
                .post(url("reporting-service") + "/api/v1/explanations/YXE-TRAINS/2021-Q1").then().statusCode(201)
                .body("revision", equalTo(1)).body("status", equalTo("AT_RISK"));

        // 6. publish: the round as the office hands it in
        given().auth().oauth2(OFFICE).post(url("reporting-service") + "/api/v1/rounds/fyp14/2021-Q1").then()
                .statusCode(201).body("version", equalTo(1)).body("state", equalTo("PUBLISHED"))
                .body("values.findAll { it.indicatorId == 'YXE-TRAINS' }.value", equalTo(List.of(110, 95, 160)));

        theTopicsCarryEveryStep();
        theBoardShowsTheRoundAndMarksALaterCorrection();
        aRebuildRestoresTheRoundAndItsExplanation();
    }

    /** What subscribers read of the round: both bases of the indicator, the decisions, the round's records. */
    private static void theTopicsCarryEveryStep() throws IOException {
        EventSchemas schemas = new EventSchemas(Services.root().resolve("docs/asyncapi.yaml"));
        List<ConsumerRecord<String, byte[]>> reports = read(Topics.INDICATOR_REPORTS, r -> reviewed(r).size() == 4);
        assertEquals(List.of("RETURNED", "APPROVED", "APPROVED", "APPROVED"), reviewed(reports).stream()
                .map(r -> Payloads.field(r, "decision")).toList(), "each decision follows its revision on the indicator's key");
        for (ConsumerRecord<String, byte[]> r : reviewed(reports)) {
            assertEquals(List.of(), schemas.problems("ReportReviewed", Payloads.of(r)));
        }

        List<ConsumerRecord<String, byte[]>> submitted = ofKey(read(Topics.INDICATOR_PROGRESS_SUBMITTED,
                r -> ofKey(r, INDICATOR).stream().anyMatch(x -> x.value() == null)), INDICATOR);
        ConsumerRecord<String, byte[]> last = submitted.get(submitted.size() - 1);
        assertEquals("planpulse.progress.reconciled", header(last, "ce_type"),
                "once approved the submitted basis is the official one: the key's tombstone");
        for (ConsumerRecord<String, byte[]> r : submitted.subList(0, submitted.size() - 1)) {
            assertEquals(List.of(), schemas.problems("ProgressUpdated", Payloads.of(r)));
        }
        List<ConsumerRecord<String, byte[]>> official = ofKey(read(Topics.INDICATOR_PROGRESS,
                r -> ofKey(r, INDICATOR).stream().anyMatch(x -> "AT_RISK".equals(Payloads.field(x, "status")))), INDICATOR);
        assertTrue(official.stream().noneMatch(r -> r.value() != null && Payloads.of(r).path("actual").asDouble() == 221.0),
                "the official basis never counted the March value the office returned");

        List<ConsumerRecord<String, byte[]>> rounds = ofKey(read(Topics.PLAN_ROUNDS, r -> ofKey(r, "fyp14/2021-Q1")
                .stream().anyMatch(x -> "planpulse.round.published".equals(header(x, "ce_type")))), "fyp14/2021-Q1");
        assertEquals(List.of("planpulse.explanation.given", "planpulse.round.published"),
                rounds.stream().map(r -> header(r, "ce_type")).toList());
        assertEquals(List.of(), schemas.problems("ExplanationGiven", Payloads.of(rounds.get(0))));
        assertEquals(List.of(), schemas.problems("RoundPublished", Payloads.of(rounds.get(1))));
    }

    /** The office signs in on the board, opens the round from its page, and sees a later correction marked. */
    private static void theBoardShowsTheRoundAndMarksALaterCorrection() throws Exception {
        String board = url("reporting-service");
        browser.get(board + "/login?token=" + Tokens.shortLived("planner", "DRC", 300));
        waiting().until(d -> !d.findElements(By.id("counts")).isEmpty());
        browser.findElement(By.id("review")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/review"));
        browser.get(board + "/review?plan=fyp14&round=2021-Q1");
        assertTrue(browser.findElement(By.id("rounds")).getText().contains("2021-Q1 v1"));
        browser.findElement(By.linkText("2021-Q1 v1")).click();
        waiting().until(d -> d.getCurrentUrl().contains("round=2021-Q1") && !d.findElements(By.id("round-shown")).isEmpty());
        assertTrue(browser.findElement(By.id("round-shown")).getText().contains("2021-Q1 轮次第 1 版"));
        assertEquals("AT_RISK", status());
        assertTrue(browser.findElements(By.id("live")).isEmpty(), "a published round does not follow the changes");

        // a correction after publication: the round keeps its figure and marks the change
        given().auth().oauth2(TRANSPORT).contentType("application/json")
                .body("{\"indicatorId\": \"YXE-TRAINS\", \"period\": \"2021-02\", \"value\": 100, \"note\": \"补报\"}")
                .post(url("indicators-service") + "/api/v1/reports").then().statusCode(201)
                .body("review", equalTo("SUBMITTED"));
        review("{\"action\": \"APPROVE\", \"items\": [{\"indicatorId\": \"YXE-TRAINS\", \"period\": \"2021-02\", "
                + "\"revision\": 2}]}").then().statusCode(200);
        awaitTrue(() -> actual() == 370.0, "the correction becomes official");
        browser.navigate().refresh();
        waiting().until(d -> d.findElement(By.id("i-" + INDICATOR)).getText().contains("2021-02: 95 → 100"));
        String row = browser.findElement(By.id("i-" + INDICATOR)).getText();
        assertTrue(row.contains("已更正") && row.contains("365"), row);
        assertTrue(browser.findElement(By.id("round-shown")).getText().contains("发布后更正 1 处"));
        fullHeight();
        Files.write(SHOTS.resolve("round-board.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** Another instance rebuilding an empty database from the topics cites the round as the first one does. */
    private static void aRebuildRestoresTheRoundAndItsExplanation() throws Exception {
        String replica = "reporting-rounds-replay";
        services.createDatabase(Services.database(replica));
        services.startInstance(replica, "reporting-service", Map.of(
                "MP_MESSAGING_INCOMING_PLAN_TARGETS_GROUP_ID", replica,
                "MP_MESSAGING_INCOMING_INDICATOR_REPORTS_GROUP_ID", replica,
                "PLANPULSE_OUTBOX_RELAY_ENABLED", "false"));
        String round = "/api/v1/rounds/fyp14/2021-Q1";
        JsonNode original = JSON.readTree(given().auth().oauth2(OFFICE).get(url("reporting-service") + round).then()
                .statusCode(200).extract().asByteArray());
        JsonNode rebuilt = JSON.readTree(given().auth().oauth2(OFFICE).get(url(replica) + round).then()
                .statusCode(200).extract().asByteArray());
        for (String field : List.of("version", "state", "publishedAt", "publishedBy", "indicators", "values",
                "corrections")) {
            assertEquals(original.get(field), rebuilt.get(field), field + " of the round after a rebuild");
        }
        assertEquals(1, rebuilt.get("corrections").size(), "the correction after publication: " + rebuilt);
        assertEquals(figures(original.at("/progress/nodes"), new TreeMap<>()),
                figures(rebuilt.at("/progress/nodes"), new TreeMap<>()),
                "the answer as of publication, computed again, has the figures published");
        given().auth().oauth2(OFFICE).get(url(replica) + "/api/v1/explanations/YXE-TRAINS/2021-Q1").then()
                .statusCode(200).body("revision", equalTo(List.of(1)))
                .body("cause", equalTo(List.of("一季度线路检修，班列停运两周")));
        services.kill(replica);
    }

    /** Each indicator's status, period and actual in a plan answer's tree (its versions and instants aside). */
    private static Map<String, String> figures(JsonNode nodes, Map<String, String> out) {
        for (JsonNode node : nodes) {
            node.path("indicators").forEach(d -> out.put(d.path("indicatorId").asText(), d.path("status").asText() + " "
                    + d.path("period").asText() + " " + d.path("actual").asText()));
            figures(node.path("children"), out);
        }
        return out;
    }

    private static String url(String service) {
        return services.url(service);
    }

    private static Response batch(String csv, String query) {
        return given().auth().oauth2(TRANSPORT).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post(url("indicators-service") + "/api/v1/reports/batch" + query);
    }

    private static Response review(String body) {
        return given().auth().oauth2(OFFICE).contentType("application/json").body(body)
                .post(url("indicators-service") + "/api/v1/reviews");
    }

    private static Response progress() {
        return given().auth().oauth2(OFFICE).get(url("reporting-service") + "/api/v1/progress/indicators/" + INDICATOR);
    }

    /** The indicator's official actual now (whatever number type the JSON paths are read as), or NaN. */
    private static double actual() {
        return progress().path("actual") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The actual of the indicator's last document on the submitted basis's topic, or NaN. */
    private static double submittedActual() {
        try (TopicReader reader = new TopicReader(services.bootstrapServers(), Topics.INDICATOR_PROGRESS_SUBMITTED)) {
            List<ConsumerRecord<String, byte[]>> records = ofKey(reader.during(Duration.ofSeconds(1)), INDICATOR);
            if (records.isEmpty() || records.get(records.size() - 1).value() == null) {
                return Double.NaN;
            }
            return Payloads.of(records.get(records.size() - 1)).path("actual").asDouble(Double.NaN);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic,
                                                             Predicate<List<ConsumerRecord<String, byte[]>>> until) {
        try (TopicReader reader = new TopicReader(services.bootstrapServers(), topic)) {
            return reader.until(until, WAIT);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> reviewed(List<ConsumerRecord<String, byte[]>> records) {
        return ofKey(records, INDICATOR).stream().filter(r -> "planpulse.report.reviewed".equals(header(r, "ce_type")))
                .toList();
    }


    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT);
            }
            Thread.sleep(500);
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private static String status() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById('i-' + arguments[0]); return e ? e.dataset.status : null;", INDICATOR);
    }

    private static void fullHeight() {
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 140, 8000)));
    }
}
