package io.planpulse.reporting.evaluation;

import java.util.List;

/**
 * A piece of the evaluation report as both its writers lay it out: what it says is decided once
 * ({@link EvaluationContent}), how it looks per format ({@link DocxWriter}, {@link PdfWriter}). Every
 * text is in the report's language and every number already shown by the one rule.
 */
public sealed interface Block {

    /** A heading: level 1 a chapter, 2 a section, 3 an indicator. */
    record Heading(int level, String text) implements Block {
    }

    /** A paragraph; {@code label} (else null) is set in bold before the text. */
    record Paragraph(String label, String text) implements Block {

        public static Paragraph of(String text) {
            return new Paragraph(null, text);
        }
    }

    /**
     * A table: its column headers, each column's share of the width, its rows (a row's cells as
     * many as the headers), and the notes below it (the footnotes its cells' marks point to).
     */
    record Table(List<String> headers, List<Double> widths, List<List<String>> rows, List<String> notes)
            implements Block {
    }

    /**
     * An indicator's trend: its values period by period ({@code provisional} marks those that are
     * provisional figures) against its target, if it has one; the labels already formatted.
     */
    record Chart(String title, String unit, List<String> periods, List<Double> values, List<Boolean> provisional,
                 Double target, List<String> valueLabels, String targetLabel, String legendValues,
                 String legendTarget) implements Block {

        /**
         * The value axis both formats draw: {lowest, highest, step}, round numbers (1, 2, 2.5 or 5
         * times a power of ten) around the values and the target, with room above the highest for
         * its label.
         */
        public double[] axis() {
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            if (target != null) {
                min = Math.min(min, target);
                max = Math.max(max, target);
            }
            if (max - min < 1e-9) {
                double around = Math.max(Math.abs(max) * 0.1, 1);
                min -= around;
                max += around;
            }
            double raw = (max - min) / 4;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = 10 * magnitude;
            for (double k : new double[] {1, 2, 2.5, 5}) {
                if (k * magnitude >= raw) {
                    step = k * magnitude;
                    break;
                }
            }
            double lo = Math.floor(min / step) * step;
            double hi = Math.ceil(max / step) * step;
            if (hi - max < step * 0.3) {
                hi += step;
            }
            if (min >= 0 && lo < 0) {
                lo = 0;
            }
            return new double[] {lo, hi, step};
        }
    }

    /** The next block starts on a new page. */
    record PageBreak() implements Block {
    }
}
