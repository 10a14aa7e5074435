package io.planpulse.reporting.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.model.plan.Period;
import io.planpulse.model.plan.Window;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a round may be published: the first refusal, in the order of DESIGN §7, or none. */
class RoundRulesTest {

    private static final Window WINDOW = new Window("2021", "2025");
    private static final LocalDate TODAY = LocalDate.of(2025, 4, 1);

    static Stream<Arguments> publications() {
        return Stream.of(
                Arguments.of("2025-Q1", RoundRules.State.NONE, true, null),
                Arguments.of("2025-Q1", RoundRules.State.REOPENED, true, null),
                Arguments.of("2021", RoundRules.State.NONE, true, null),
                Arguments.of("2025-03", RoundRules.State.NONE, true, null),
                // begun, not ended
                Arguments.of("2025-04", RoundRules.State.NONE, true, "ROUND_IN_FUTURE"),
                Arguments.of("2025-Q2", RoundRules.State.NONE, true, "ROUND_IN_FUTURE"),
                Arguments.of("2025", RoundRules.State.NONE, true, "ROUND_IN_FUTURE"),
                Arguments.of("2020-Q4", RoundRules.State.NONE, true, "ROUND_OUTSIDE_WINDOW"),
                Arguments.of("2026", RoundRules.State.NONE, true, "ROUND_OUTSIDE_WINDOW"),
                Arguments.of("2025-Q1", RoundRules.State.PUBLISHED, true, "ALREADY_PUBLISHED"),
                Arguments.of("2025-Q1", RoundRules.State.PUBLISHED, false, "ALREADY_PUBLISHED"),
                Arguments.of("2025-Q1", RoundRules.State.NONE, false, "ROUND_EMPTY"));
    }

    @ParameterizedTest
    @MethodSource("publications")
    void aRoundIsPublishedOnceOverWithinTheWindowAndWithValues(String round, RoundRules.State state, boolean values,
                                                               String refused) {
        assertEquals(refused, RoundRules.publish(Period.parse(round).orElseThrow(), WINDOW, TODAY, state, values)
                .map(RoundRules.Refusal::code).orElse(null));
    }

    @ParameterizedTest
    @MethodSource("reopenings")
    void onlyAStandingPublicationIsReopened(RoundRules.State state, String refused) {
        assertEquals(refused, RoundRules.reopen(Period.parse("2025-Q1").orElseThrow(), state)
                .map(RoundRules.Refusal::code).orElse(null));
    }

    static Stream<Arguments> reopenings() {
        return Stream.of(Arguments.of(RoundRules.State.PUBLISHED, null),
                Arguments.of(RoundRules.State.REOPENED, "NOT_PUBLISHED"),
                Arguments.of(RoundRules.State.NONE, "NOT_PUBLISHED"));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void onlyALaggingIndicatorOwesAnExplanation(String status, boolean lagging) {
        assertEquals(lagging, RoundRules.lagging(status));
    }

    static Stream<Arguments> statuses() {
        return Stream.of(Arguments.of("AT_RISK", true), Arguments.of("OFF_TRACK", true), Arguments.of("MISSED", true),
                Arguments.of("ON_TRACK", false), Arguments.of("ACHIEVED", false), Arguments.of("NO_DATA", false),
                Arguments.of("NO_TARGET", false), Arguments.of(null, false));
    }
}
