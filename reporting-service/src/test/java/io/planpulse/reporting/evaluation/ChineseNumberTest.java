package io.planpulse.reporting.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section numbers as Chinese documents write them, for a plan of any number of tasks. */
class ChineseNumberTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1, 一", "9, 九", "10, 十", "11, 十一", "20, 二十", "99, 九十九", "100, 一百", "101, 一百零一",
        "110, 一百一十", "1000, 一千", "1010, 一千零一十", "1001, 一千零一", "9999, 九千九百九十九", "10000, 10000"})
    void asWritten(int n, String written) {
        assertEquals(written, EvaluationContent.chineseNumber(n));
    }
}
