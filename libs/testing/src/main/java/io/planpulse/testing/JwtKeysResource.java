package io.planpulse.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Turns on the service's development tenant with the tests' own public key. */
public class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Tokens.tenantSettings();
    }

    @Override
    public void stop() {
    }
}
