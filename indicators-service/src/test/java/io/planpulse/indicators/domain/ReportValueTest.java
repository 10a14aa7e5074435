package io.planpulse.indicators.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The range and precision of a report's value: every value taken survives a double unchanged. */
class ReportValueTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "0, true",
            "-0, true",
            "-0.0, true",
            "5100, true",
            "-12.5, true",
            "0.000001, true",
            "1.000000, true",
            "999999999999999, true",
            "-999999999999999, true",
            "99999999.999999, true",
            "1E+14, true",
            "1e14, true",
            "1000000000000000, false",
            "1e15, false",
            "-1e15, false",
            "1e309, false",
            "-1e309, false",
            "1e9999, false",
            "0.0000001, false",
            "4.9e-324, false",
            "2.2250738585072014e-308, false",
            "1e-400, false",
            "9007199254740993, false",
            "1234567890.1234567, false",
            "999999999.9999999, false",
    })
    void takesWhatADoubleHoldsExactly(String text, boolean taken) {
        BigDecimal value = new BigDecimal(text);
        assertEquals(taken, ReportValue.problem(value, text).isEmpty(), text);
        if (taken) {
            assertEquals(0, value.compareTo(new BigDecimal(Double.toString(value.doubleValue()))),
                    text + " survives a double");
        }
    }
}
