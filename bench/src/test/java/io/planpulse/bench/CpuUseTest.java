package io.planpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's CPU counts as CpuUse reads them: this process's own busy time shows, a process not running shows none. */
class CpuUseTest {

    @Test
    void aStepThatBurnsCpuShowsItAsTheHarnessAndTheMachineAndNothingForServicesNotRunning(@TempDir Path run)
            throws Exception {
        Map<String, Double> before = CpuUse.now(run);
        long until = System.nanoTime() + 400_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin += Long.numberOfTrailingZeros(spin + until);
        }
        Map<String, Double> used = CpuUse.since(before, run);
        assertTrue(used.get("harness") >= 0.25, "harness " + used + " " + spin);
        assertTrue(used.get(CpuUse.MACHINE) >= used.get("harness") - 0.02, used.toString());
        assertEquals(0.0, used.get("indicators-service"));
        assertEquals(0.0, used.get("kafka"));
    }
}
