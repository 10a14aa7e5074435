package io.planpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge of what reporting-service published: versions rise per key, a redelivery is the same content. */
class DownstreamTest {

    private static byte[] event(int version, String status) {
        return ("{\"indicatorId\":\"GDP\",\"status\":\"" + status + "\",\"version\":" + version + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void risingVersionsRedeliveriesOfTheSameContentAndTombstonesAreFine() throws Exception {
        Downstream.Judge judge = new Downstream.Judge("indicator.progress.v1");
        judge.next("GDP", event(1, "ON_TRACK"));
        judge.next("GDP", event(2, "LAGGING"));
        judge.next("GDP", event(2, "LAGGING"));
        judge.next("GDP", null);
        judge.next("CPI", event(1, "ON_TRACK"));
        assertEquals(List.of(), judge.problems());
    }

    @Test
    void aVersionPublishedTwiceWithOtherContentIsADuplicate() throws Exception {
        Downstream.Judge judge = new Downstream.Judge("indicator.progress.v1");
        judge.next("GDP", event(3, "ON_TRACK"));
        judge.next("GDP", event(3, "LAGGING"));
        assertEquals(1, judge.problems().size());
        assertTrue(judge.problems().get(0).startsWith("duplicated: indicator.progress.v1 key GDP version 3"),
                judge.problems().toString());
    }

    @Test
    void aVersionLowerThanOneAlreadyReadWentBack() throws Exception {
        Downstream.Judge judge = new Downstream.Judge("plan.rollups.v1");
        judge.next("fyp14", event(5, "ON_TRACK"));
        judge.next("fyp14", event(4, "ON_TRACK"));
        assertEquals(List.of("went back: plan.rollups.v1 key fyp14 version 4 after version 5"), judge.problems());
    }

    @Test
    void anEventWithoutAVersionCannotBeJudged() throws Exception {
        Downstream.Judge judge = new Downstream.Judge("progress.alerts.v1");
        judge.next("GDP", "{\"indicatorId\":\"GDP\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(judge.problems().get(0).startsWith("unversioned"), judge.problems().toString());
    }
}
