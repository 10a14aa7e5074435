package io.planpulse.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.testing.Readers;
import io.planpulse.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The final evaluation of the shipped plan, as the README's "The evaluation report" makes it: the
 * demo's 2020–2025 history pushed as `./planpulse demo` pushes it (each department's rows of
 * deploy/local/demo/ as a CSV batch with its own reporter token, then the corrections), then the
 * report, both formats, read as their readers will: the PDF by pdftotext, the DOCX opened by
 * LibreOffice. No page is blank, the Chinese survives, every indicator of the plan is there, and
 * the summary counts what the progress API counts.
 */
class EvaluationReportTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEMO = Services.root().resolve("deploy/local/demo");
    /** The summary's order of statuses, with their Chinese labels. */
    private static final Map<String, String> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put("ACHIEVED", "已完成");
        STATUSES.put("ON_TRACK", "序时推进");
        STATUSES.put("AT_RISK", "进度滞后");
        STATUSES.put("OFF_TRACK", "严重滞后");
        STATUSES.put("MISSED", "未完成");
        STATUSES.put("NO_DATA", "暂无数据");
    }

    private static Services services;

    @BeforeAll
    static void start() throws Exception {
        services = Services.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theFinalEvaluationOfTheShippedPlanAfterTheDemo() throws Exception {
        pushDemo();
        String viewer = Tokens.token("viewer", "DRC", "report-reader");
        JsonNode plan = stablePlan(viewer);

        byte[] pdf = given().auth().oauth2(viewer).queryParam("format", "pdf")
                .get(services.url("reporting-service") + "/api/v1/evaluations/fyp14").then().statusCode(200)
                .extract().asByteArray();
        byte[] docx = given().auth().oauth2(viewer).queryParam("format", "docx")
                .get(services.url("reporting-service") + "/api/v1/evaluations/fyp14").then().statusCode(200)
                .extract().asByteArray();
        Path out = Files.createDirectories(Path.of("target", "evaluation"));
        Files.write(out.resolve("fyp14-final.pdf"), pdf);
        Files.write(out.resolve("fyp14-final.docx"), docx);

        List<String> names = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        indicators(plan.path("nodes"), names, counts);
        StringBuilder expected = new StringBuilder();
        STATUSES.forEach((status, label) -> {
            if (counts.getOrDefault(status, 0) > 0) {
                expected.append(expected.length() == 0 ? "" : "、").append(label).append(counts.get(status)).append("项");
            }
        });
        int judged = counts.entrySet().stream().filter(e -> !e.getKey().equals("NO_TARGET")).mapToInt(Map.Entry::getValue).sum();

        for (byte[] read : List.of(pdf, Readers.docxToPdf(docx))) {
            List<String> pages = Readers.pdfPages(read);
            assertTrue(pages.size() >= 6, "the shipped plan's report runs to several pages: " + pages.size());
            for (int p = 0; p < pages.size(); p++) {
                assertFalse(pages.get(p).isBlank(), "page " + (p + 1) + " of " + pages.size() + " is blank");
            }
            String prose = String.join("", pages).replaceAll("\\s+", "");
            assertTrue(prose.contains("丽水市国民经济和社会发展第十四个五年规划") && prose.contains("实施情况总结评估报告"), prose);
            assertTrue(prose.contains("纳入评价的" + judged + "项指标中，" + expected + "。"),
                    "the summary counts as the progress API does (" + expected + "): " + prose);
            for (String name : names) {
                assertTrue(prose.contains(name.replaceAll("\\s+", "")), name + " is in the report");
            }
        }
        String fonts = Readers.pdfFonts(pdf);
        assertTrue(fonts.contains("WenQuanYiMicroHei"), "the PDF carries its own font: " + fonts);
    }

    private static int firstDifference(String a, String b) {
        if (a == null) {
            return 0;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Every indicator's name in the plan's progress tree, and how many there are of each status. */
    private static void indicators(JsonNode nodes, List<String> names, Map<String, Integer> counts) {
        for (JsonNode node : nodes) {
            for (JsonNode d : node.path("indicators")) {
                names.add(d.path("name").asText());
                counts.merge(d.path("status").asText(), 1, Integer::sum);
            }
            indicators(node.path("children"), names, counts);
        }
    }

    /**
     * Pushes the demo's files as `./planpulse demo` does: once indicators-service knows the plan's
     * indicators (a dry run no longer finds one unknown), each department's rows with its own token,
     * reports first; every row is taken.
     */
    private static void pushDemo() throws Exception {
        for (String file : List.of("fyp14-reports.csv", "fyp14-corrections.csv")) {
            List<String> lines = Files.readAllLines(DEMO.resolve(file), StandardCharsets.UTF_8);
            String header = lines.get(0).substring(lines.get(0).indexOf(',') + 1);
            Map<String, StringBuilder> byDept = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String dept = line.substring(0, line.indexOf(','));
                byDept.computeIfAbsent(dept, d -> new StringBuilder(header).append('\n'))
                        .append(line.substring(line.indexOf(',') + 1)).append('\n');
            }
            for (Map.Entry<String, StringBuilder> e : byDept.entrySet()) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (batch(e.getKey(), e.getValue(), "?dryRun=true").contains("UNKNOWN_INDICATOR")) {
                    assertTrue(System.nanoTime() < deadline, "indicators-service learns the shipped plan");
                    Thread.sleep(500);
                }
                String summary = batch(e.getKey(), e.getValue(), "");
                assertEquals(0, JSON.readTree(summary).path("rejected").asInt(-1), file + " of " + e.getKey() + ": " + summary);
            }
        }
    }

    private static String batch(String dept, CharSequence csv, String query) {
        return given().auth().oauth2(Tokens.token("reporter", dept, "demo-" + dept.toLowerCase(Locale.ROOT)))
                .contentType("text/csv; charset=UTF-8").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post(services.url("indicators-service") + "/api/v1/reports/batch" + query).then().statusCode(200)
                .extract().asString();
    }

    /**
     * The plan's progress once reporting-service has applied the demo: every indicator with data,
     * and the same figures and statuses twice, three seconds apart.
     */
    private static JsonNode stablePlan(String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String before = null;
        String why = "";
        while (System.nanoTime() < deadline) {
            JsonNode plan = JSON.readTree(given().auth().oauth2(token)
                    .get(services.url("reporting-service") + "/api/v1/progress/plans/fyp14").then().statusCode(200)
                    .extract().asString());
            List<String> names = new ArrayList<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            indicators(plan.path("nodes"), names, counts);
            // computedAt and asOf change with every answer; the figures and statuses do not once applied
            String figures = plan.path("nodes").toString().replaceAll("\"(computedAt|asOf)\":\"[^\"]*\"", "");
            if (figures.equals(before) && !counts.containsKey("NO_DATA")) {
                return plan;
            }
            why = counts.containsKey("NO_DATA") ? counts.get("NO_DATA") + " indicators have no data yet"
                    : "the answer still changes at: " + figures.substring(Math.max(0, firstDifference(before, figures) - 200));
            before = figures;
            Thread.sleep(3000);
        }
        throw new AssertionError("reporting-service did not settle on the demo's history within " + WAIT + "; " + why);
    }
}
