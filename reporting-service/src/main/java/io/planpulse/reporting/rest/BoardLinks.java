package io.planpulse.reporting.rest;

import io.planpulse.reporting.board.Board;
import io.planpulse.reporting.board.Lang;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The board's links, each keeping the reader's language, as-of day and (on the board) filters. */
public record BoardLinks(String plan, Lang lang, LocalDate day, Board.Filter filter, String asOfInstant) {

    public String board() {
        return "/" + query(Map.of());
    }

    public String indicator(String id) {
        return "/indicators/" + encode(id) + query(Map.of("filters", "no"));
    }

    public String department(String code) {
        return "/departments/" + encode(code) + query(Map.of("filters", "no"));
    }

    /** The monitoring round's page of this board's department (or the whole plan). */
    public String review() {
        return reviewPage(filter == null ? null : filter.dept(), null, lang);
    }

    /** The monitoring round's page: what waits for review and was sent back, and a round's explanations. */
    public String review(String dept, String round) {
        return reviewPage(dept, round, lang);
    }

    /** The monitoring round's page in the other language. */
    public String reviewInOtherLanguage(String dept, String round) {
        return reviewPage(dept, round, lang == Lang.ZH ? Lang.EN : Lang.ZH);
    }

    private String reviewPage(String dept, String round, Lang in) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("filters", "no");
        q.put("lang", in == Lang.EN ? "en" : null);
        q.put("dept", dept);
        q.put("round", round);
        return "/review" + query(q);
    }

    /** The same page in the other language. */
    public String otherLanguage(String path) {
        return path + query(Map.of("lang", lang == Lang.ZH ? "en" : "zh"));
    }

    public String csv() {
        return export("csv");
    }

    public String xlsx() {
        return export("xlsx");
    }

    /**
     * The evaluation report (pdf or docx) of what the board shows: its department's part where it is
     * narrowed to one, in its language, as of its day or as the round it shows was published.
     */
    public String evaluation(String format, Board.Round round) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("format", format);
        q.put("lang", lang == Lang.EN ? "en" : null);
        q.put("dept", filter == null ? null : filter.dept());
        q.put("asOf", day == null || round != null ? null : asOfInstant);
        q.put("round", round == null ? null : round.round());
        q.put("version", round == null ? null : String.valueOf(round.version()));
        return "/api/v1/evaluations/" + encode(plan) + "?" + q.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    public String langTag() {
        return lang.tag();
    }

    private String export(String format) {
        return "/api/v1/progress/plans/" + encode(plan) + "/export?format=" + format
                + (day == null ? "" : "&asOf=" + encode(asOfInstant));
    }

    private String query(Map<String, String> overrides) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("plan", plan);
        q.put("lang", lang == Lang.EN ? "en" : null);
        q.put("asOf", day == null ? null : day.toString());
        if (!"no".equals(overrides.get("filters")) && filter != null) {
            q.put("dept", filter.dept());
            q.put("status", filter.status());
            q.put("binding", filter.binding() == null ? null : filter.binding() ? "binding" : "anticipatory");
        }
        overrides.forEach((k, v) -> {
            if (!k.equals("filters")) {
                q.put(k, v);
            }
        });
        String query = q.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
