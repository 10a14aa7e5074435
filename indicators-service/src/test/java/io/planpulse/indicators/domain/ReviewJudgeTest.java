package io.planpulse.indicators.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.planpulse.model.event.ReviewState;
import io.planpulse.model.plan.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The review rules, one revision at a time: which refusal comes first, and what a round covers. */
class ReviewJudgeTest {

    private static final ReportKey KEY = new ReportKey("R-GDP", "2025");
    private static final Caller OFFICE = new Caller("planner-drc", "DRC", false);
    private static final Caller OTHER_PLANNER = new Caller("planner-stats", "STATS", false);
    private static final Caller ADMIN = new Caller("admin", null, true);

    private static ReviewTarget target(int revision, ReviewState state, String sender, String office) {
        return new ReviewTarget(KEY, revision, state, sender, office);
    }

    static Stream<Arguments> cases() {
        ReviewTarget waiting = target(2, ReviewState.SUBMITTED, "reporter-stats", "DRC");
        return Stream.of(
                Arguments.of(OFFICE, 2, waiting, null),
                Arguments.of(ADMIN, 2, waiting, null),
                Arguments.of(ADMIN, 2, target(2, ReviewState.SUBMITTED, "reporter-stats", null), null),
                Arguments.of(OTHER_PLANNER, 2, waiting, ReviewCode.FORBIDDEN_REVIEW),
                Arguments.of(OFFICE, 2, target(2, ReviewState.SUBMITTED, "reporter-stats", null),
                        ReviewCode.FORBIDDEN_REVIEW),
                // the office is checked before anything about the revision is said
                Arguments.of(OTHER_PLANNER, 1, target(2, ReviewState.APPROVED, "planner-stats", "DRC"),
                        ReviewCode.FORBIDDEN_REVIEW),
                Arguments.of(OFFICE, 1, waiting, ReviewCode.SUPERSEDED),
                Arguments.of(OFFICE, 3, waiting, ReviewCode.NOT_FOUND),
                Arguments.of(OFFICE, 2, target(2, null, "reporter-stats", "DRC"), ReviewCode.NOT_SUBMITTED),
                Arguments.of(OFFICE, 2, target(2, ReviewState.APPROVED, "reporter-stats", "DRC"), ReviewCode.NOT_SUBMITTED),
                Arguments.of(OFFICE, 2, target(2, ReviewState.RETURNED, "reporter-stats", "DRC"), ReviewCode.NOT_SUBMITTED),
                Arguments.of(OFFICE, 2, target(2, ReviewState.SUBMITTED, "planner-drc", "DRC"), ReviewCode.OWN_VALUE),
                Arguments.of(ADMIN, 2, target(2, ReviewState.SUBMITTED, "admin", "DRC"), ReviewCode.OWN_VALUE));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aRevisionIsDecidedOrRefusedWithItsFirstProblem(Caller caller, int revision, ReviewTarget target,
                                                        ReviewCode refused) {
        ReviewJudge.Verdict verdict = ReviewJudge.items(List.of(new ReviewRequest.Item("R-GDP", "2025", revision)),
                Map.of(KEY, target), caller);
        assertEquals(refused == null ? List.of(target) : List.of(), verdict.decided());
        assertEquals(refused == null ? List.of() : List.of(refused),
                verdict.refusals().stream().map(ReviewJudge.Refusal::code).toList());
    }

    static Stream<Arguments> rounds() {
        return Stream.of(
                Arguments.of("2025-Q1", "2025-01", true), Arguments.of("2025-Q1", "2025-03", true),
                Arguments.of("2025-Q1", "2025-Q1", true), Arguments.of("2025-Q1", "2025-04", false),
                Arguments.of("2025-Q1", "2025", false), Arguments.of("2025-Q1", "2024-12", false),
                Arguments.of("2025", "2025-H2", true), Arguments.of("2025", "2025-12", true),
                Arguments.of("2025", "2026-01", false), Arguments.of("2025-H1", "2025-Q2", true),
                Arguments.of("2025-H1", "2025-Q3", false));
    }

    @ParameterizedTest
    @MethodSource("rounds")
    void aRoundCoversThePeriodsWithinIt(String round, String period, boolean covered) {
        ReviewRequest.Scope scope = new ReviewRequest.Scope("fyp14", "STATS", Period.parse(round).orElseThrow());
        assertEquals(covered, scope.covers(Period.parse(period).orElseThrow()));
    }
}
