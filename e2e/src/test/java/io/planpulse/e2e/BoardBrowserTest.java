package io.planpulse.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.testing.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The board in a real browser ({@link Browsers#chromium()})
 * against the three services as built, fed with the demo reports through the public API: it signs
 * in by a login link, filters, opens an indicator, looks at a past day, hears a pushed report
 * change a status without a reload, and saves screenshots at desktop and phone widths under
 * {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target", "screenshots");

    private static Services services;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browsers.chromium();
        services = Services.start();
        pushDemo("fyp14-reports.csv");
        pushDemo("fyp14-corrections.csv");
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

    /** Posts a demo file's rows as CSV, each department with a reporter token of its own. */
    private static void pushDemo(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("planpulse.root", ".."), "deploy", "local",
                "demo", file), StandardCharsets.UTF_8);
        Map<String, StringBuilder> byDept = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String dept = line.substring(0, line.indexOf(','));
            byDept.computeIfAbsent(dept, d -> new StringBuilder(lines.get(0).substring(lines.get(0).indexOf(',') + 1))
                    .append('\n')).append(line.substring(line.indexOf(',') + 1)).append('\n');
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Map.Entry<String, StringBuilder> e : byDept.entrySet()) {
            while (true) {
                var response = given().auth().oauth2(Tokens.token("reporter", e.getKey()))
                        .contentType("text/csv; charset=UTF-8").body(e.getValue().toString().getBytes(StandardCharsets.UTF_8))
                        .post(services.url("indicators-service") + "/api/v1/reports/batch");
                assertEquals(200, response.statusCode(), response.asString());
                if ((int) response.path("rejected") == 0) {
                    break;
                }
                // right after start indicators-service may not know the plan yet: the rows were refused, not stored
                assertTrue(response.asString().contains("UNKNOWN_INDICATOR") && System.nanoTime() < deadline,
                        response.asString());
                sleep(500);
            }
        }
    }

    private static String board() {
        return services.url("reporting-service");
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Makes the window as tall as the page, for a screenshot of all of it. */
    private static void fullHeight(int width) {
        browser.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 8000)));
    }

    /** An indicator's status as the board shows it, read in one step: a live redraw may replace the element any time. */
    private static String status(String indicatorId) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById('i-' + arguments[0]); return e ? e.dataset.status : null;", indicatorId);
    }

    @Test
    @Order(1)
    void signsInByALoginLinkAndSeesTheBoardInChineseWithItsCjkFont() throws Exception {
        browser.get(board() + "/");
        assertTrue(browser.getPageSource().contains("请登录"), "without a session the board asks to sign in");
        browser.get(board() + "/login?token=" + Tokens.shortLived("viewer", "DRC", 300));
        waiting().until(d -> d.getCurrentUrl().equals(board() + "/") && !d.findElements(By.id("counts")).isEmpty());
        assertTrue(browser.getTitle().contains("规划实施进展看板"), browser.getTitle());
        assertTrue(browser.manage().getCookieNamed("planpulse_board").isHttpOnly());
        waiting().until(d -> status("YXE-TRAINS").equals("MISSED"));
        Object cjk = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + "document.fonts.ready.then(() => done(document.fonts.check('16px \"Noto Sans CJK SC\"', '丽水')))");
        assertEquals(Boolean.TRUE, cjk, "the page's Chinese is drawn with the CJK font");
        waiting().until(d -> d.findElement(By.id("live")).isDisplayed());
        fullHeight(1280);
        shot("board-desktop");
        browser.manage().window().setSize(new Dimension(390, 844));
        shot("board-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(2)
    void filtersByStatusThenByBindingAndDepartment() {
        browser.get(board() + "/");
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("MISSED");
        waiting().until(d -> d.getCurrentUrl().contains("status=MISSED"));
        List<WebElement> shown = browser.findElements(By.cssSelector("article.indicator"));
        assertTrue(!shown.isEmpty() && shown.stream().allMatch(e -> "MISSED".equals(e.getAttribute("data-status"))),
                "only missed targets");
        new Select(browser.findElement(By.id("filter-dept"))).selectByValue("TRANSPORT");
        waiting().until(d -> d.getCurrentUrl().contains("dept=TRANSPORT"));
        assertEquals(1, browser.findElements(By.cssSelector("article.indicator")).size());
        assertEquals("MISSED", status("YXE-TRAINS"));
    }

    @Test
    @Order(3)
    void opensAnIndicatorWithItsHistoryAndWhoSentEachRevisionAndWhy() throws Exception {
        browser.get(board() + "/");
        browser.findElement(By.cssSelector("#i-YXE-TRAINS a.ind-name")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/indicators/YXE-TRAINS"));
        String revisions = browser.findElement(By.id("revisions")).getText();
        assertTrue(revisions.contains("更正：漏报10列次") && revisions.contains("reporter-transport")
                && revisions.contains("市交通运输局"), revisions);
        assertTrue(browser.findElements(By.cssSelector("#history tbody tr")).size() >= 1);
        fullHeight(1280);
        shot("indicator-desktop");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(4)
    void anAsOfDayShowsTheBoardAsItWasKnownThen() {
        browser.get(board() + "/");
        String yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
        pickDay(yesterday);
        assertTrue(browser.findElement(By.cssSelector(".subtitle")).getText().contains("截至 " + yesterday));
        assertTrue(browser.findElement(By.id("empty")).getText().contains("这一天还没有收到"),
                "the plan was loaded today: the day before, nothing of it was known");
        assertTrue(browser.findElements(By.id("live")).isEmpty(), "a past day does not follow the changes");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        pickDay(today);
        assertEquals("MISSED", status("YXE-TRAINS"), "by the end of today every report counts");
    }

    @Test
    @Order(5)
    void aPushedReportChangesAStatusLiveWithoutAReload() throws Exception {
        browser.get(board() + "/");
        waiting().until(d -> d.findElement(By.id("live")).isDisplayed());
        // the demo's 2021–2025 pilots add up to 252 of 260: a corrected 2025 reaches the target
        assertEquals("MISSED", status("FTZ-PILOTS"));
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");
        given().auth().oauth2(Tokens.token("reporter", "FTZ")).contentType("application/json")
                .body("{\"indicatorId\": \"FTZ-PILOTS\", \"period\": \"2025\", \"value\": 60, \"source\": \"统计公报\", "
                        + "\"reason\": \"更正：补报13项\"}")
                .post(services.url("indicators-service") + "/api/v1/reports").then().statusCode(201);
        waiting().until(d -> "ACHIEVED".equals(status("FTZ-PILOTS")));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true"),
                "the board redrew itself; the page was not reloaded");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('i-FTZ-PILOTS').classList.contains('changed')"));
        shot("board-live-change");
    }

    /** Picks a day in the board's date field, as a reader does, and waits for the board of that day. */
    private static void pickDay(String day) {
        ((JavascriptExecutor) browser).executeScript("const input = document.getElementById('as-of');"
                + "input.value = arguments[0]; input.dispatchEvent(new Event('change', {bubbles: true}));", day);
        waiting().until(d -> d.getCurrentUrl().contains("asOf=" + day));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
