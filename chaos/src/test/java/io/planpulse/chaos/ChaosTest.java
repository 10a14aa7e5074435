package io.planpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short run of the suite: each fault once under load, then the checker. Nothing acknowledged
 * may be lost or stored twice, nothing refused stored, and both stores, the topic and a
 * recomputation must agree.
 */
class ChaosTest {

    @Test
    void eachFaultOnceUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
        Path root = Path.of(System.getProperty("planpulse.root", "..")).toAbsolutePath().normalize();
        Path dir = Files.createDirectories(Path.of("target", "chaos")).toAbsolutePath();
        ChaosRun.Settings settings = ChaosRun.Settings.quick();
        ChaosRun.Result result = ChaosRun.run(root, Files.createTempDirectory(dir, "run-"), settings, System.out);
        System.out.println(Chaos.report(result, settings));

        assertEquals(java.util.List.of(), result.verdict().problems());
        assertTrue(result.verdict().acknowledged() > 100, "the clients got reports through: " + result.verdict());
        assertTrue(result.verdict().planChanges() > 0, "a planner changed targets meanwhile: " + result.verdict());
        assertTrue(result.verdict().refused() > 0, "the wrong requests were sent and refused: " + result.verdict());
        for (Departments.Via via : Departments.Via.values()) {
            assertTrue(result.verdict().acknowledgedVia().getOrDefault(via, 0L) > 0,
                    "reports sent " + via + " were acknowledged: " + result.verdict());
        }
        int offered = result.impacts().stream().mapToInt(i -> i.offered().requests()).sum();
        int offeredAcknowledged = result.impacts().stream().mapToInt(i -> i.offered().acknowledged()).sum();
        assertTrue(offered > 0 && offeredAcknowledged > 0,
                "load was offered open loop during the faults, and served: " + offered + ", " + offeredAcknowledged);
        assertTrue(result.verdict().retried() > 0, "the faults hurt requests, which were retried: " + result.verdict());
        assertTrue(result.proxyResets() > 0, "the proxies reset connections");
        assertTrue(result.verdict().comparedProgress() > 0, "progress was recomputed and compared");
        Overload.Result overload = result.overload();
        assertTrue(overload.overloaded() > 0, "twice the capacity was shed with 503 OVERLOADED: " + overload);
        assertTrue(overload.acknowledged() > 0, "the service went on serving under overload: " + overload);
        assertTrue(overload.recovery() != null, "the department clients got through after the load dropped: " + overload);
        for (ChaosRun.Impact impact : result.impacts()) {
            if (impact.fault().replicated()) {
                // readiness went DOWN, the clients' balancer took the instance out, the other one served
                assertEquals(java.util.List.of(), impact.failures(), impact.fault().name()
                        + ": no request failed while a second instance served");
            }
            if (impact.fault().graceful()) {
                // readiness went DOWN first (checked by the fault), and the instance went on serving meanwhile
                assertTrue(impact.acknowledgedRightAfter() > 20, impact.fault().name()
                        + ": reports were still acknowledged during the shutdown delay: " + impact);
                assertEquals(0, impact.failed(Departments.Failure.TIMED_OUT)
                        + impact.failed(Departments.Failure.ANSWERED_RETRY),
                        impact.fault().name() + ": no request timed out or got 5xx: " + impact.failures());
            }
        }
    }
}
