package io.planpulse.targets.messaging;

import io.planpulse.targets.service.TargetsConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs this instance's outbox relay worker on a thread of its own while the service runs. */
@ApplicationScoped
public class OutboxRelay {

    private final TargetsConfig config;
    private final OutboxStats stats;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String bootstrapServers;
    private OutboxRelayWorker worker;
    private Thread thread;

    public OutboxRelay(TargetsConfig config, OutboxStats stats,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") String username,
                       @ConfigProperty(name = "quarkus.datasource.password") String password,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.stats = stats;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.outbox().relayEnabled()) {
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
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", bootstrapServers);
        TargetsConfig.Outbox outbox = config.outbox();
        return new OutboxRelayWorker(name, new RelaySettings(jdbcUrl, username, password, kafka, outbox.lockKey(),
                outbox.batchSize(), outbox.pollInterval(), config.topics().partitions(), config.topics().replicationFactor()),
                stats);
    }
}
