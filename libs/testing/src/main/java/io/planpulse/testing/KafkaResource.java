package io.planpulse.testing;

import io.planpulse.local.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local Kafka broker ({@code deploy/local/kafka}) for the service under test, on free ports, with
 * the registry's topics; tests may stop and restart it.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = startBroker();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    /** A new broker under target/, from the repository this build runs in (Surefire's planpulse.root). */
    public static KafkaBroker startBroker() {
        Path root = Path.of(System.getProperty("planpulse.root", "..")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(Path.of("target"));
            return KafkaBroker.startNew(root, Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }
}
