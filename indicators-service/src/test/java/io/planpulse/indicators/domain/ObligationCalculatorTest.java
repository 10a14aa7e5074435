package io.planpulse.indicators.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.indicators.testing.TestCatalogue;
import io.planpulse.model.plan.Indicator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObligationCalculatorTest {

    private static CatalogueEntry entry(Indicator indicator) {
        return new CatalogueEntry(TestCatalogue.PLAN, indicator, ZoneId.of("Asia/Shanghai"), TestCatalogue.WINDOW, null,
                false);
    }

    @Test
    void listsPeriodsDueAndOverdueAndTheNextDueDate() {
        // 2021-05-15: January to March are overdue (due 20 days after their end), April is due until 2021-05-20.
        Instant now = Instant.parse("2021-05-15T02:00:00Z");
        Obligation trains = ObligationCalculator.of(entry(TestCatalogue.TRAINS), Set.of("2021-02"), now).orElseThrow();
        assertEquals(java.util.List.of("2021-01", "2021-03"), trains.overdue().stream().map(DuePeriod::period).toList());
        assertEquals(LocalDate.of(2021, 2, 20), trains.overdue().get(0).dueDate());
        assertEquals(java.util.List.of("2021-04"), trains.due().stream().map(DuePeriod::period).toList());
        assertEquals(LocalDate.of(2021, 5, 20), trains.nextDueDate());
        assertEquals(20, trains.dueDays());
    }

    @Test
    void aFullyReportedIndicatorOwesNothingAndHasNoNextDate() {
        Instant now = Instant.parse("2026-03-15T02:00:00Z");
        Set<String> all = Set.of("2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06", "2021-07", "2021-08",
                "2021-09", "2021-10", "2021-11", "2021-12");
        Obligation trains = ObligationCalculator.of(entry(TestCatalogue.TRAINS), all, now).orElseThrow();
        assertTrue(trains.due().isEmpty());
        assertTrue(trains.overdue().isEmpty());
        assertEquals(null, trains.nextDueDate());
    }

    @Test
    void growthFromAmountsOwesTheYearBeforeToo() {
        Obligation firms = ObligationCalculator.of(entry(TestCatalogue.FIRMS), Set.of(),
                Instant.parse("2022-03-01T00:00:00Z")).orElseThrow();
        assertEquals(java.util.List.of("2020"), firms.overdue().stream().map(DuePeriod::period).toList());
        assertEquals(java.util.List.of("2021"), firms.due().stream().map(DuePeriod::period).toList());
        assertEquals(LocalDate.of(2022, 3, 31), firms.nextDueDate());
    }

    @Test
    void milestonesAndComputedIndicatorsOweNoPeriods() {
        Instant now = Instant.parse("2026-03-15T02:00:00Z");
        assertTrue(ObligationCalculator.of(entry(TestCatalogue.DEPOT), Set.of(), now).isEmpty());
        assertTrue(ObligationCalculator.of(entry(TestCatalogue.RELATIVE), Set.of(), now).isEmpty());
    }
}
