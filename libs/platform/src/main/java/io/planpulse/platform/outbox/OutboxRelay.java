package io.planpulse.platform.outbox;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs this instance's outbox relay worker on a thread of its own while the service runs. */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxConfig config;
    private final OutboxStats stats;
    private final String service;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Map<String, Object> kafka;
    private OutboxRelayWorker worker;
    private Thread thread;

    public OutboxRelay(OutboxConfig config, OutboxStats stats,
                       @ConfigProperty(name = "quarkus.application.name") String service,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") String username,
                       @ConfigProperty(name = "quarkus.datasource.password") String password,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.stats = stats;
        this.service = service;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.kafka = Map.copyOf(kafka);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.info("the outbox relay is off (planpulse.outbox.relay-enabled=false)");
            return;
        }
        worker = newWorker("main");
        thread = new Thread(worker, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (worker != null) {
            worker.stop();
            thread.join(10_000);
        }
    }

    /** A worker with this service's settings; it publishes only while it holds the relay lock. */
    public OutboxRelayWorker newWorker(String name) {
        return new OutboxRelayWorker(name, new RelaySettings(service, jdbcUrl, username, password,
                kafka, config.lockKey(), config.batchSize(), config.pollInterval()), stats);
    }
}
