package io.planpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.planpulse.chaos.Checker.Evidence;
import io.planpulse.chaos.Checker.Judgement;
import io.planpulse.chaos.Checker.Revision;
import io.planpulse.chaos.Checker.Stored;
import io.planpulse.chaos.Departments.Entry;
import io.planpulse.chaos.Departments.Outcome;
import io.planpulse.chaos.Departments.Request;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker's judgement on histories and stores that keep or break each promise. */
class CheckerTest {

    private static final Request FIRST = request("a", "2021", "10.50", false);
    private static final Request SECOND = request("b", "2022", "7", false);
    private static final Request WRONG = request("c", "2023-13", "1", true);
    private static final Request SHED = request("d", "2024", "3", false);
    private static final Revision FIRST_STORED = new Revision("GDP-TOTAL", "2021", 1, "10.5", false);
    private static final Revision SECOND_STORED = new Revision("GDP-TOTAL", "2022", 1, "7", false);

    private final List<Entry> history = new ArrayList<>(List.of(
            entry(FIRST, new Outcome.Acknowledged(201, 1)),
            entry(SECOND, new Outcome.Acknowledged(201, 1)),
            entry(WRONG, new Outcome.Refused(422, "PERIOD_INVALID")),
            entry(SHED, new Outcome.Shed(503, "OVERLOADED", "1"))));
    private final List<Stored> stored = new ArrayList<>(List.of(
            new Stored(FIRST_STORED, FIRST.note()), new Stored(SECOND_STORED, SECOND.note())));
    private final Map<Revision, Integer> topic = new HashMap<>(Map.of(FIRST_STORED, 1, SECOND_STORED, 2));
    private final Set<Revision> applied = new HashSet<>(Set.of(FIRST_STORED, SECOND_STORED));

    @Test
    void aRunThatKeptEveryPromiseHasNoProblem() {
        Judgement judgement = judge();
        assertEquals(List.of(), judgement.problems());
        assertEquals(2, judgement.acknowledged());
        assertEquals(1, judgement.refused());
        assertEquals(1, judgement.shed());
    }

    @Test
    void anAcknowledgedReportMissingFromTheStoreIsLost() {
        stored.remove(1);
        assertProblem("lost: acknowledged request " + SECOND);
    }

    @Test
    void aBatchRowIsJudgedByItsValueForItsPeriodAsItsRevisionIsNotNamed() {
        history.set(1, entry(SECOND, new Outcome.Acknowledged(200, Outcome.Acknowledged.UNNAMED)));
        assertEquals(List.of(), judge().problems());
        history.set(1, entry(request("b", "2022", "8", false), new Outcome.Acknowledged(200, Outcome.Acknowledged.UNNAMED)));
        assertProblem("changed: request");
    }

    @Test
    void anAcknowledgedReportStoredTwiceIsDuplicated() {
        stored.add(new Stored(new Revision("GDP-TOTAL", "2021", 2, "10.5", false), FIRST.note()));
        assertProblem("duplicated: request a is stored 2 times");
    }

    @Test
    void anAcknowledgedReportStoredUnderAnotherRevisionIsChanged() {
        stored.set(0, new Stored(new Revision("GDP-TOTAL", "2021", 3, "10.5", false), FIRST.note()));
        assertProblem("changed: request " + FIRST);
    }

    @Test
    void aRefusedReportThatWasStoredAnywayIsCaught() {
        stored.add(new Stored(new Revision("GDP-TOTAL", "2023-13", 1, "1", false), WRONG.note()));
        assertProblem("refused but stored: request " + WRONG);
    }

    @Test
    void aReportShedUnderLoadMustNotBeStoredAndMustSayWhenToRetry() {
        stored.add(new Stored(new Revision("GDP-TOTAL", "2024", 1, "3", false), SHED.note()));
        assertProblem("shed but stored: request " + SHED);
        history.set(3, entry(SHED, new Outcome.Shed(429, "RATE_LIMITED", null)));
        assertProblem("shed without Retry-After: request " + SHED);
    }

    @Test
    void aStoredRevisionMissingFromTheTopicWasNotPublished() {
        topic.remove(SECOND_STORED);
        assertProblem("not published: stored revision " + SECOND_STORED);
    }

    @Test
    void reportingServiceMustHoldExactlyTheStoredRevisions() {
        applied.remove(FIRST_STORED);
        assertProblem("reporting-service differs from indicators-service: missing " + FIRST_STORED + " (1)");
    }

    private Judgement judge() {
        return Checker.judge(history, new Evidence(stored, topic, applied));
    }

    private void assertProblem(String start) {
        List<String> problems = judge().problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)), "expected «" + start + "…» in " + problems);
    }

    private static Request request(String key, String period, String value, boolean wrong) {
        return new Request(key, "GDP-TOTAL", period, new BigDecimal(value), "STATS", wrong);
    }

    private static Entry entry(Request request, Outcome outcome) {
        return new Entry(request, outcome, 1, 0, 1, false);
    }
}
