package io.planpulse.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicOnceEachWithItsDeadLetterTopicForTheTwoThatAreConsumed() {
        assertEquals(List.of("plan.targets.v1", "indicator.reports.v1", "indicator.progress.v1",
                "indicator.progress.submitted.v1", "progress.alerts.v1",
                "plan.rollups.v1", "plan.rounds.v1", "plan.targets.v1.dlq", "indicator.reports.v1.dlq"),
                Topics.ALL.stream().map(Topic::name).toList());
    }

    @Test
    void theReportsAreKeptForGoodBecauseARebuildReplaysThem() {
        assertEquals(Map.of("cleanup.policy", "delete", "retention.ms", "-1"), topic(Topics.INDICATOR_REPORTS).configs());
    }

    @Test
    void stateTopicsAreCompactedAndTheRestExpire() {
        assertEquals(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"),
                topic(Topics.PLAN_TARGETS).configs());
        assertEquals("31536000000", topic(Topics.PROGRESS_ALERTS).configs().get("retention.ms"));
        assertEquals("2592000000", topic(Topics.deadLetter(Topics.PLAN_TARGETS)).configs().get("retention.ms"));
    }

    @Test
    void aTopicHasAtLeastOnePartition() {
        assertThrows(IllegalArgumentException.class, () -> new Topic("t", 0, Map.of()));
    }

    private static Topic topic(String name) {
        return Topics.ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
