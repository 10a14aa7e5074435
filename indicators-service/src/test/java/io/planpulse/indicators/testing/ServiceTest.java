package io.planpulse.indicators.testing;

import io.agroal.api.AgroalDataSource;
import io.planpulse.local.KafkaBroker;
import io.planpulse.testing.InjectKafkaBroker;
import io.planpulse.testing.JwtKeysResource;
import io.planpulse.testing.KafkaResource;
import io.planpulse.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * The service under test with its own PostgreSQL and Kafka broker, and the test catalogue learned
 * from plan.targets.v1 before each test.
 */
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(KafkaResource.class)
public abstract class ServiceTest {

    @InjectKafkaBroker
    protected KafkaBroker broker;

    @Inject
    protected AgroalDataSource db;

    @BeforeEach
    void learnTheTestCatalogue() {
        broker.start();
        Catalogue.ensureTestCatalogue(broker.bootstrapServers(), db, 1);
    }
}
