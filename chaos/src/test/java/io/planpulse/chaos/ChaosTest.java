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
        ChaosRun.Result result = ChaosRun.run(root, Files.createTempDirectory(dir, "run-"),
                ChaosRun.Settings.quick(), System.out);
        System.out.println(result.verdict().summary());
        result.impacts().forEach(System.out::println);

        assertEquals(java.util.List.of(), result.verdict().problems());
        assertTrue(result.verdict().acknowledged() > 100, "the clients got reports through: " + result.verdict());
        assertTrue(result.verdict().refused() > 0, "the wrong requests were sent and refused: " + result.verdict());
        assertTrue(result.verdict().retried() > 0, "the faults hurt requests, which were retried: " + result.verdict());
        assertTrue(result.proxyResets() > 0, "the proxies reset connections");
        assertTrue(result.verdict().comparedProgress() > 0, "progress was recomputed and compared");
    }
}
