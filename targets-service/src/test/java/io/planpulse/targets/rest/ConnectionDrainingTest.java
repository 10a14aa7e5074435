package io.planpulse.targets.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.planpulse.targets.testing.RelayOffProfile;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.planpulse.testing.Tokens;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Once a service is asked to stop (its readiness DOWN for the shutdown delay while it still
 * serves), every response closes its connection, so that a client's next request opens a new one
 * and finds another instance instead of being cut when this one stops (libs/platform's
 * ConnectionDraining; the same in every service).
 */
@QuarkusTest
@TestProfile(RelayOffProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
class ConnectionDrainingTest {

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

    @Test
    void onceAskedToStopEveryResponseClosesItsConnection() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans").then().statusCode(200)
                .header("Connection", nullValue());
        shutdownDelay.fire(new ShutdownDelayInitiatedEvent());
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans").then().statusCode(200)
                .header("Connection", equalTo("close"));
        given().get("/q/health/live").then().statusCode(200).header("Connection", equalTo("close"));
    }
}
