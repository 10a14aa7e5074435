package io.planpulse.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest(name = "{0} is {1} {2}/{3}, idx {4}")
    @CsvSource({
            "2025,    YEAR,    2025, 1,  2025",
            "2025-H1, HALF,    2025, 1,  4050",
            "2025-H2, HALF,    2025, 2,  4051",
            "2025-Q1, QUARTER, 2025, 1,  8100",
            "2025-Q4, QUARTER, 2025, 4,  8103",
            "2025-01, MONTH,   2025, 1,  24300",
            "2025-07, MONTH,   2025, 7,  24306",
            "2025-12, MONTH,   2025, 12, 24311"})
    void parsesEveryGrainAndNumbersPeriodsConsecutively(String text, Grain grain, int year, int number, long idx) {
        Period p = Period.parse(text).orElseThrow();
        assertEquals(new Period(grain, year, number), p);
        assertEquals(idx, p.idx());
        assertEquals(text, p.toString());
        assertEquals(p, Period.ofIdx(grain, idx));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "25", "2025-13", "2025-00", "2025-7", "2025-H3", "2025-Q5", "2025-Q0", "2025Q1",
            "2025-q1", "2025-h1", " 2025", "2025-01-01", "twenty", "2025-W12", "0000", "0999-Q1", "２０２５"})
    void refusesWhatIsNotAPeriod(String text) {
        assertTrue(Period.parse(text).isEmpty(), text);
    }

    @Test
    void refusesNull() {
        assertTrue(Period.parse(null).isEmpty());
    }

    @Test
    void stepsAcrossYears() {
        assertEquals(Period.parse("2022-01").orElseThrow(), Period.parse("2021-12").orElseThrow().plus(1));
        assertEquals(Period.parse("2020-Q4").orElseThrow(), Period.parse("2021-Q1").orElseThrow().plus(-1));
        assertEquals(Period.parse("2023-H1").orElseThrow(), Period.parse("2021-H1").orElseThrow().plus(4));
        assertEquals(Period.parse("2020-06").orElseThrow(), Period.parse("2021-06").orElseThrow().yearEarlier());
        assertEquals(12, Period.parse("2022-01").orElseThrow().idx() - Period.parse("2021-01").orElseThrow().idx());
    }

    @ParameterizedTest(name = "year {0} in {1}: first {2}, last {3}")
    @CsvSource({
            "2025, MONTH,   2025-01, 2025-12",
            "2025, QUARTER, 2025-Q1, 2025-Q4",
            "2025, HALF,    2025-H1, 2025-H2",
            "2025, YEAR,    2025,    2025"})
    void aYearMeansItsFirstOrLastPeriodInAFinerGrain(String year, Grain grain, String first, String last) {
        Period p = Period.parse(year).orElseThrow();
        assertEquals(first, p.firstIn(grain).toString());
        assertEquals(last, p.lastIn(grain).toString());
    }

    @Test
    void onlyAYearResolvesToAnotherGrain() {
        Period quarter = Period.parse("2025-Q1").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> quarter.lastIn(Grain.MONTH));
        assertEquals(quarter, quarter.lastIn(Grain.QUARTER));
    }

    @ParameterizedTest(name = "{0} runs from {1} to {2}")
    @CsvSource({
            "2024,    2024-01-01, 2024-12-31",
            "2024-H2, 2024-07-01, 2024-12-31",
            "2024-Q1, 2024-01-01, 2024-03-31",
            "2024-02, 2024-02-01, 2024-02-29",
            "2025-02, 2025-02-01, 2025-02-28"})
    void knowsItsDays(String text, LocalDate start, LocalDate end) {
        Period p = Period.parse(text).orElseThrow();
        assertEquals(start, p.start());
        assertEquals(end, p.end());
    }

    @Test
    void comparesOnlyWithinOneGrain() {
        Period a = Period.parse("2021-03").orElseThrow();
        assertTrue(a.compareTo(Period.parse("2021-04").orElseThrow()) < 0);
        assertThrows(IllegalArgumentException.class, () -> a.compareTo(Period.parse("2021").orElseThrow()));
    }

    @Test
    void aPeriodMustExist() {
        assertThrows(IllegalArgumentException.class, () -> new Period(Grain.QUARTER, 2025, 5));
        assertThrows(IllegalArgumentException.class, () -> new Period(Grain.MONTH, 2025, 0));
    }
}
