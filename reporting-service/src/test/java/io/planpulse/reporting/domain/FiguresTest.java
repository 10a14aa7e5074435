package io.planpulse.reporting.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule by which numbers are shown (DESIGN §7, "Numbers as shown"), case by case. */
class FiguresTest {

    @ParameterizedTest(name = "{0} in {1} ({2}) shows as {3}")
    @CsvSource(delimiter = '|', value = {
        // kind        | unit     | value        | shown
        "LEVEL         | 亿元      | 6600         | 6,600.00",
        "LEVEL         | 亿元      | 4712.345     | 4,712.35",
        "LEVEL         | 亿元      | 1234567.891  | 1,234,567.89",
        "CUMULATIVE    | 列        | 365          | 365",
        "CUMULATIVE    | 列        | 1187.5       | 1,188",
        "CUMULATIVE    | 家        | 41.49        | 41",
        "GROWTH        | 亿元      | 12.34        | 12.3",
        "GROWTH        | %         | 8            | 8.0",
        "AVERAGE_GROWTH| %         | 6.449999     | 6.4",
        "AVERAGE_GROWTH| %         | 6.45         | 6.5",
        "RELATIVE      | 个百分点   | -0.04        | 0.0",
        "RELATIVE      | 个百分点   | -2.35        | -2.4",
        "SERIES        | %         | 2.25         | 2.3",
        "THRESHOLD     | 吨        | 2.675        | 2.68",
        "THRESHOLD     | ‰         | 3.14         | 3.1",
        "MILESTONE     |           | 2            | 2",
        "LEVEL         | u         | 365          | 365.00",
        "LEVEL         | 万人       | -1000.5      | -1,000.50",
    })
    void anIndicatorsFigureHasItsMeasuresDecimalsAndSeparators(String kind, String unit, double value, String shown) {
        assertEquals(shown, Figures.of(kind, unit).text(value));
    }

    @Test
    void halfUpFromTheShortestDecimalNotFromTheBinaryDouble() {
        // 2.675 is 2.67499999… as a double: rounding the double itself would give 2.67
        assertEquals("2.68", Figures.OTHER.text(2.675));
        assertEquals("1.1", Figures.PERCENT.text(1.05));
        assertEquals("-1.1", Figures.PERCENT.text(-1.05));
    }

    @Test
    void missingFiguresAreADashOrEmptyAndNeverNegativeZero() {
        assertEquals("—", Figures.MONEY.text(null));
        assertEquals("—", Figures.MONEY.text(Double.NaN));
        assertNull(Figures.MONEY.rounded(Double.POSITIVE_INFINITY));
        assertEquals("", Figures.MONEY.plain(null));
        assertEquals("0", Figures.COUNT.text(-0.4));
        assertEquals("0.0", Figures.PERCENT.signed(-0.04));
    }

    @Test
    void sharesArePercentagesAndSignsShowTheDirection() {
        assertEquals("73.4%", Figures.percentOfShare(0.7344));
        assertEquals("—", Figures.percentOfShare(null));
        assertEquals("+1,200.50", Figures.MONEY.signed(1200.5));
        assertEquals("-3", Figures.COUNT.signed(-3.2));
    }

    @Test
    void csvCarriesTheRoundedFigureWithoutSeparatorsAndSpreadsheetsGetTheMatchingFormat() {
        assertEquals("6600.00", Figures.MONEY.plain(6600.0));
        assertEquals("1188", Figures.COUNT.plain(1187.5));
        assertEquals("#,##0.00", Figures.MONEY.spreadsheetFormat());
        assertEquals("#,##0", Figures.COUNT.spreadsheetFormat());
        assertEquals("#,##0.0", Figures.PERCENT.spreadsheetFormat());
    }
}
