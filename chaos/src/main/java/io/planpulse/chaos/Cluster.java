package io.planpulse.chaos;

import io.planpulse.local.KafkaBroker;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The whole system as processes the suite owns: a PostgreSQL cluster and a Kafka broker, each
 * behind a fault proxy, and the three services from their built jars talking to both through the
 * proxies. Everything keeps its ports across restarts.
 */
final class Cluster implements AutoCloseable {

    static final List<String> SERVICES = List.of("targets-service", "indicators-service", "reporting-service");

    private final Path root;
    private final Path dir;
    private final Postgres postgres;
    private final FaultProxy postgresProxy;
    private final KafkaBroker broker;
    private final FaultProxy kafkaProxy;
    private final Tokens tokens;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private Cluster(Path root, Path dir, Postgres postgres, FaultProxy postgresProxy, KafkaBroker broker,
            FaultProxy kafkaProxy, Tokens tokens) {
        this.root = root;
        this.dir = dir;
        this.postgres = postgres;
        this.postgresProxy = postgresProxy;
        this.broker = broker;
        this.kafkaProxy = kafkaProxy;
        this.tokens = tokens;
    }

    /**
     * Starts everything under {@code dir} (data, logs, keys) from the jars the build left in
     * {@code root}'s service folders, and waits until each service is ready.
     */
    static Cluster start(Path root, Path dir) throws Exception {
        for (String name : SERVICES) {
            if (!Files.exists(jar(root, name))) {
                throw new IllegalStateException(jar(root, name) + " is missing: the suite runs the services as "
                        + "packaged (mvn verify from the top, or mvn package)");
            }
        }
        Files.createDirectories(dir.resolve("logs"));
        Postgres postgres = Postgres.start(dir.resolve("postgres"));
        for (String db : List.of("targets", "indicators", "reporting")) {
            postgres.createDatabase(db);
        }
        FaultProxy postgresProxy = FaultProxy.start("postgres-proxy", 0,
                new InetSocketAddress("127.0.0.1", postgres.port()));
        int brokerPort = Processes.freePort();
        FaultProxy kafkaProxy = FaultProxy.start("kafka-proxy", 0, new InetSocketAddress("127.0.0.1", brokerPort));
        KafkaBroker broker = KafkaBroker.start(root, dir.resolve("kafka"), dir.resolve("logs/kafka.log"), brokerPort,
                kafkaProxy.port());
        Cluster cluster = new Cluster(root, dir, postgres, postgresProxy, broker, kafkaProxy,
                Tokens.create(dir));
        for (String name : SERVICES) {
            cluster.add(name, name, name.substring(0, name.indexOf('-')), Map.of()).launch();
        }
        for (ServiceProcess service : cluster.services.values()) {
            service.awaitReady(Duration.ofSeconds(180));
        }
        return cluster;
    }

    /**
     * Another instance of a service on a database of its own (created here), with extra settings
     * such as its own consumer group; started and ready when this returns.
     */
    ServiceProcess startInstance(String instance, String service, Map<String, String> settings) throws Exception {
        String db = instance.replace('-', '_');
        postgres.createDatabase(db);
        ServiceProcess process = add(instance, service, db, settings);
        process.start();
        return process;
    }

    /**
     * A second instance of each service, on the first one's database and in its consumer groups
     * (named "...-2"); started and ready when this returns.
     */
    List<ServiceProcess> startReplicas() throws Exception {
        List<ServiceProcess> replicas = SERVICES.stream()
                .map(name -> add(name + "-2", name, name.substring(0, name.indexOf('-')), Map.of())).toList();
        for (ServiceProcess replica : replicas) {
            replica.launch();
        }
        for (ServiceProcess replica : replicas) {
            replica.awaitReady(Duration.ofSeconds(180));
        }
        return replicas;
    }

    private ServiceProcess add(String instance, String service, String db, Map<String, String> settings) {
        String pg = "127.0.0.1:" + postgresProxy.port() + "/" + db;
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pg);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + pg);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.putAll(tokens.tenantEnvironment());
        ServiceProcess process = new ServiceProcess(instance, jar(root, service),
                dir.resolve("logs").resolve(instance + ".log"), Processes.freePort(), env);
        services.put(instance, process);
        return process;
    }

    ServiceProcess service(String instance) {
        return services.get(instance);
    }

    Postgres postgres() {
        return postgres;
    }

    KafkaBroker broker() {
        return broker;
    }

    FaultProxy postgresProxy() {
        return postgresProxy;
    }

    FaultProxy kafkaProxy() {
        return kafkaProxy;
    }

    Tokens tokens() {
        return tokens;
    }

    /** The suite's own way into a database (not through the fault proxy). */
    DataSource dataSource(String db) {
        return postgres.dataSource(db);
    }

    /** Where Kafka clients connect: the fault proxy, which the broker advertises. */
    String bootstrapServers() {
        return "127.0.0.1:" + kafkaProxy.port();
    }

    Path logs() {
        return dir.resolve("logs");
    }

    private static Path jar(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess service : services.values()) {
            service.close();
        }
        kafkaProxy.close();
        broker.close();
        postgresProxy.close();
        postgres.close();
    }
}
