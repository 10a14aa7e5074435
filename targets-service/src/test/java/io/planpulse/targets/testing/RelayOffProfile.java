package io.planpulse.targets.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service without its own relay running, so that a test decides when relays start and stop. */
public class RelayOffProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("planpulse.outbox.relay-enabled", "false", "planpulse.seed.enabled", "false");
    }
}
