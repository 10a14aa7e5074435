package io.planpulse.reporting.board;

import io.planpulse.reporting.domain.Figures;
import io.planpulse.reporting.domain.TrendPoint;
import java.util.List;
import java.util.Locale;

/**
 * Draws an indicator's values as an inline SVG (no script, no external file): a line through the
 * reported values, hollow dots for provisional ones, and the target as a dashed line.
 */
public final class TrendChart {

    private TrendChart() {
    }

    /** A small chart for a board row. */
    public static String sparkline(List<TrendPoint> points, Double target, Figures figures, String label) {
        return svg(points, target, figures, 120, 32, 3, false, label);
    }

    /** A larger chart with its first and last periods and its range written out. */
    public static String chart(List<TrendPoint> points, Double target, Figures figures, String label) {
        return svg(points, target, figures, 640, 200, 24, true, label);
    }

    private static String svg(List<TrendPoint> points, Double target, Figures figures, int width, int height, int pad,
                              boolean axes, String label) {
        StringBuilder out = new StringBuilder();
        out.append("<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\"><title>").append(escape(label))
                .append("</title>");
        if (points.isEmpty()) {
            return out.append("<line x1=\"0\" y1=\"").append(height / 2).append("\" x2=\"").append(width).append("\" y2=\"")
                    .append(height / 2).append("\" class=\"trend-none\"/></svg>").toString();
        }
        double min = points.stream().mapToDouble(TrendPoint::value).min().orElseThrow();
        double max = points.stream().mapToDouble(TrendPoint::value).max().orElseThrow();
        if (target != null && Double.isFinite(target)) {
            min = Math.min(min, target);
            max = Math.max(max, target);
        }
        if (max - min < 1e-9) {
            min -= 1;
            max += 1;
        }
        double left = axes ? pad * 2.5 : pad;
        double plotWidth = width - left - pad;
        double plotHeight = height - 2.0 * pad;
        double lo = min;
        double span = max - min;
        java.util.function.IntFunction<Double> x = i -> points.size() == 1 ? left + plotWidth / 2
                : left + plotWidth * i / (points.size() - 1);
        java.util.function.DoubleFunction<Double> y = v -> pad + plotHeight * (1 - (v - lo) / span);
        if (target != null && Double.isFinite(target)) {
            out.append("<line class=\"trend-target\" x1=\"").append(f(left)).append("\" x2=\"").append(f(left + plotWidth))
                    .append("\" y1=\"").append(f(y.apply(target))).append("\" y2=\"").append(f(y.apply(target))).append("\"/>");
        }
        if (points.size() > 1) {
            out.append("<polyline class=\"trend-line\" points=\"");
            for (int i = 0; i < points.size(); i++) {
                out.append(i == 0 ? "" : " ").append(f(x.apply(i))).append(',').append(f(y.apply(points.get(i).value())));
            }
            out.append("\"/>");
        }
        for (int i = 0; i < points.size(); i++) {
            TrendPoint p = points.get(i);
            boolean last = i == points.size() - 1;
            if (axes || last || p.provisional()) {
                out.append("<circle class=\"").append(p.provisional() ? "trend-provisional" : "trend-point")
                        .append("\" cx=\"").append(f(x.apply(i))).append("\" cy=\"").append(f(y.apply(p.value())))
                        .append("\" r=\"").append(axes ? 3.5 : 2.5).append("\"><title>").append(escape(p.period()))
                        .append(": ").append(figures.text(p.value())).append("</title></circle>");
            }
        }
        if (axes) {
            out.append(text(left, height - 4, "start", points.get(0).period()))
                    .append(text(left + plotWidth, height - 4, "end", points.get(points.size() - 1).period()))
                    .append(text(left - 4, pad + 4, "end", figures.text(max)))
                    .append(text(left - 4, pad + plotHeight, "end", figures.text(min)));
        }
        return out.append("</svg>").toString();
    }

    /**
     * Progress against expected progress as a bar: the filled part is the progress (0–100 % shown,
     * beyond that capped), the mark the expected progress.
     */
    public static String progressBar(Double progressPercent, Double expectedPercent, String label) {
        if (progressPercent == null) {
            return "";
        }
        double p = Math.max(0, Math.min(100, progressPercent));
        StringBuilder out = new StringBuilder("<svg class=\"bar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 10\" "
                + "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").append(escape(label)).append("\"><title>")
                .append(escape(label)).append("</title><rect class=\"bar-track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\"/>")
                .append("<rect class=\"bar-fill\" x=\"0\" y=\"0\" width=\"").append(f(p)).append("\" height=\"10\"/>");
        if (expectedPercent != null) {
            double e = Math.max(0, Math.min(100, expectedPercent));
            out.append("<rect class=\"bar-expected\" x=\"").append(f(Math.max(0, e - 0.6))).append("\" y=\"0\" width=\"1.2\" "
                    + "height=\"10\"/>");
        }
        return out.append("</svg>").toString();
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text class=\"trend-label\" x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\">"
                + escape(content) + "</text>";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
