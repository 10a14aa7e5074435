package io.planpulse.reporting.board;

import io.planpulse.reporting.domain.Figures;
import java.time.LocalDate;
import java.util.List;

/**
 * What the board shows: a plan's tree as known now or on a day, filtered, lagging targets first,
 * in one language. Every text is already in that language.
 */
public record Board(
        String planId,
        String planName,
        Lang lang,
        LocalDate asOfDay,
        String asOf,
        Filter filter,
        Department department,
        List<Count> counts,
        int shown,
        List<Node> nodes,
        List<Department> departments,
        Round round) {

    /** True when the board shows the present, and so follows the changes. */
    public boolean live() {
        return asOfDay == null && round == null;
    }

    /**
     * The published round the board shows, as of its publication: its version, when it was
     * published (in the plan's time zone), whether it was reopened, and how many of its values
     * were corrected since (each marked on its indicator's row).
     */
    public record Round(String round, int version, String publishedAt, boolean reopened, int corrections) {
    }

    /** What the reader narrowed the board to; null fields are not applied. */
    public record Filter(String dept, String status, Boolean binding) {

        public boolean any() {
            return dept != null || status != null || binding != null;
        }
    }

    public record Department(String code, String name) {
    }

    /** How many shown indicators have a status. */
    public record Count(String status, String label, int count) {
    }

    /** A node of the plan tree, with its own roll-up status and what is shown below it. */
    public record Node(String id, String name, String status, String statusLabel, List<Row> indicators,
                       List<Node> children) {
    }

    /** One indicator as a board row shows it. */
    public record Row(
            String id,
            String name,
            String kind,
            String unit,
            String status,
            String statusLabel,
            boolean binding,
            List<Department> owners,
            String period,
            String actual,
            String target,
            String expected,
            Double progressPercent,
            Double expectedPercent,
            String forecast,
            Boolean forecastMeetsTarget,
            String required,
            boolean late,
            boolean provisional,
            String explanation,
            String trend,
            List<String> corrections) {

        public String progress() {
            return percentText(progressPercent);
        }

        public String expectedProgress() {
            return percentText(expectedPercent);
        }

        /** The progress bar, with its numbers in words for a screen reader. */
        public String bar() {
            return TrendChart.progressBar(progressPercent, expectedPercent, progress() + " / " + expectedProgress());
        }
    }

    /** A share (1 = 100 %) in percent. */
    static Double percent(Double share) {
        return share == null ? null : share * 100;
    }

    static String percentText(Double percent) {
        return percent == null ? "—" : Figures.PERCENT.text(percent) + "%";
    }
}
