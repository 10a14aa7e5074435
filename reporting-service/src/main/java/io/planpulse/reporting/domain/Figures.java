package io.planpulse.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule by which a number is shown to a person (DESIGN §7, "Numbers as shown"): on the
 * board, in the exports and in the evaluation report alike.
 *
 * <p>A figure has a fixed number of decimals, chosen by what it measures: rates and percentages
 * one, money two, counted things none, anything else two. It is rounded half up (四舍五入, as
 * statistical tables round) from its shortest decimal form, so that 2.675 shows as 2.68 and not as
 * the binary double's 2.67; thousands are separated by commas. An indicator's figures measure its
 * unit, except that a growth kind's are rates in percent and a RELATIVE's are percentage points
 * whatever unit the plan gives it.
 *
 * @param decimals how many decimals this measure shows
 */
public record Figures(int decimals) {

    /** Rates, percentages and percentage points. */
    public static final Figures PERCENT = new Figures(1);
    /** Money: 元, 万元, 亿元, 美元 and the like. */
    public static final Figures MONEY = new Figures(2);
    /** Things that are counted: enterprises, trains, projects, milestone stages. */
    public static final Figures COUNT = new Figures(0);
    /** Any other unit. */
    public static final Figures OTHER = new Figures(2);

    /** The measure words of counted things, as a plan writes its unit. */
    private static final Set<String> COUNTED = Set.of("个", "家", "户", "项", "列", "列次", "人", "人次", "名", "座", "所",
            "辆", "件", "次", "套", "处", "条", "台", "张", "篇", "位", "批", "种", "宗", "艘", "架", "部", "栋", "间",
            "units", "items", "projects", "enterprises", "trains", "people");
    private static final Set<String> PERCENTAGES = Set.of("%", "％", "‰", "个百分点", "百分点", "percentage points", "pp");

    /** What the figures of an indicator of this kind and unit measure. */
    public static Figures of(String kind, String unit) {
        return switch (kind) {
            case "GROWTH", "AVERAGE_GROWTH", "RELATIVE" -> PERCENT;
            case "MILESTONE" -> COUNT;
            default -> ofUnit(unit);
        };
    }

    /** What a figure in this unit measures. */
    public static Figures ofUnit(String unit) {
        String u = unit == null ? "" : unit.trim();
        if (PERCENTAGES.contains(u)) {
            return PERCENT;
        }
        if (COUNTED.contains(u)) {
            return COUNT;
        }
        return u.endsWith("元") ? MONEY : OTHER;
    }

    /** The figure as it is shown, rounded; null stays null. */
    public BigDecimal rounded(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return null;
        }
        BigDecimal r = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        return r.signum() == 0 ? r.abs() : r; // no "-0.0"
    }

    /** The figure as text with thousands separators, or the dash where there is none. */
    public String text(Double value) {
        BigDecimal r = rounded(value);
        return r == null ? "—" : pattern().format(r);
    }

    /** The figure signed so that a reader sees its direction: "+1.5", "-0.3", "0.0". */
    public String signed(double value) {
        BigDecimal r = rounded(value);
        return r == null ? "—" : (r.signum() > 0 ? "+" : "") + pattern().format(r);
    }

    /** The figure without separators: what a CSV cell carries, for any spreadsheet to read as a number. */
    public String plain(Double value) {
        BigDecimal r = rounded(value);
        return r == null ? "" : r.toPlainString();
    }

    /** The spreadsheet number format that shows a rounded figure as {@link #text} does. */
    public String spreadsheetFormat() {
        return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
    }

    /** A share (1 = 100 %) as a percentage: "73.4%". */
    public static String percentOfShare(Double share) {
        return share == null ? "—" : PERCENT.text(share * 100) + "%";
    }

    private DecimalFormat pattern() {
        // a new one each time: DecimalFormat is not thread-safe, and it is cheap next to what it writes
        DecimalFormat f = new DecimalFormat(spreadsheetFormat(), DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }
}
