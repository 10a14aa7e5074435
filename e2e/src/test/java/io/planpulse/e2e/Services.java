package io.planpulse.e2e;

import io.planpulse.local.KafkaBroker;
import io.planpulse.testing.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The whole system as a user runs it: a private PostgreSQL with one database per service, a Kafka
 * broker, and the three services from their built jars, each a process of its own on a free port.
 */
final class Services implements AutoCloseable {

    static final List<String> NAMES = List.of("targets-service", "indicators-service", "reporting-service");

    /** The test's own clients (topic readers, Flyway, the database) log only what goes wrong. */
    private static final List<Logger> QUIET = Stream.of("org.apache.kafka", "org.flywaydb", "io.zonky")
            .map(name -> {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.WARNING);
                return logger;
            }).toList();

    private record Launch(String service, String db, Map<String, String> settings) {
    }

    private final Path logs;
    private final EmbeddedPostgres postgres;
    private final KafkaBroker broker;
    private final String kafka;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private final Map<String, Process> running = new LinkedHashMap<>();

    private Services(EmbeddedPostgres postgres, KafkaBroker broker, String kafka) throws IOException {
        this.logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        this.postgres = postgres;
        this.broker = broker;
        this.kafka = kafka;
    }

    static Path root() {
        return Path.of(System.getProperty("planpulse.root", "..")).toAbsolutePath().normalize();
    }

    /** The system on a broker of its own (the local one, without credentials), taking the test tokens. */
    static Services start() throws IOException, SQLException, InterruptedException {
        KafkaBroker broker = KafkaBroker.startNew(root(),
                Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "kafka-"));
        Map<String, Map<String, String>> settings = new HashMap<>();
        for (String name : NAMES) {
            settings.put(name, Tokens.tenantEnvironment());
        }
        return start(broker, broker.bootstrapServers(), settings);
    }

    /**
     * The system on a broker the caller started, the services connecting to it at {@code kafka}, each
     * with settings of its own (e.g. which tokens it takes) under those this class gives (its port, its
     * database and credentials, the broker's address).
     */
    static Services start(KafkaBroker broker, String kafka, Map<String, Map<String, String>> settings)
            throws IOException, SQLException, InterruptedException {
        Path root = root();
        for (String name : NAMES) {
            Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the end-to-end tests run after the services are "
                        + "packaged (mvn verify from the top)");
            }
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : List.of("targets", "indicators", "reporting")) {
                s.execute("create database " + db);
            }
        }
        Services services = new Services(postgres, broker, kafka);
        for (String name : NAMES) {
            String db = name.substring(0, name.indexOf('-'));
            services.launch(name, name, db, settings.getOrDefault(name, Map.of()));
        }
        for (String name : NAMES) {
            services.awaitReady(name, Duration.ofSeconds(180));
        }
        return services;
    }

    /**
     * Starts another instance of a service under a name of its own, on its own database (made by
     * {@link #createDatabase} under {@link #database}), with the service's settings and extra ones
     * (e.g. its own consumer group), and waits until it is ready.
     */
    void startInstance(String instance, String service, Map<String, String> settings)
            throws IOException, InterruptedException {
        launchInstance(instance, service, settings);
        awaitReady(instance, Duration.ofSeconds(180));
    }

    /** As {@link #startInstance}, without waiting until it is ready. */
    void launchInstance(String instance, String service, Map<String, String> settings) throws IOException {
        Map<String, String> all = new HashMap<>(launches.get(service).settings());
        all.remove("QUARKUS_HTTP_PORT"); // a port of its own
        all.putAll(settings);
        launch(instance, service, database(instance), all);
    }

    /** The database of an instance started by {@link #startInstance}. */
    static String database(String instance) {
        return instance.replace('-', '_');
    }

    void createDatabase(String db) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + db);
        }
    }

    /** The test's own way into one of the databases. */
    DataSource dataSource(String db) {
        return postgres.getDatabase("postgres", db);
    }

    /** Starts an instance again after {@link #kill}, on the same port and database. */
    void restart(String instance) throws IOException, InterruptedException {
        Launch l = launches.get(instance);
        launch(instance, l.service(), l.db(), l.settings());
        awaitReady(instance, Duration.ofSeconds(180));
    }

    /** Kills an instance as a crash would (SIGKILL). */
    void kill(String instance) throws InterruptedException {
        Process p = running.remove(instance);
        p.destroyForcibly();
        p.waitFor();
    }

    /** An instance's log (every run of these tests appends to it). */
    Path log(String instance) {
        return logs.resolve(instance + ".log");
    }

    String url(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    private void launch(String instance, String service, String db, Map<String, String> settings) throws IOException {
        // a port of its own, unless its settings name one (where another party must know it first, e.g. an identity
        // provider that sends people back to the board)
        int port = ports.computeIfAbsent(instance, i -> settings.containsKey("QUARKUS_HTTP_PORT")
                ? Integer.parseInt(settings.get("QUARKUS_HTTP_PORT")) : KafkaBroker.freePort());
        launches.put(instance, new Launch(service, db, settings));
        String pg = "127.0.0.1:" + postgres.getPort() + "/" + db;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(instance + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(settings);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pg);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + pg);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        running.put(instance, builder.start());
    }

    void awaitReady(String name, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(name) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ": see target/e2e-logs/" + name + ".log");
    }

    @Override
    public void close() throws IOException {
        for (Process p : running.values()) {
            p.destroy();
        }
        for (Process p : running.values()) {
            try {
                if (!p.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        broker.stop();
        postgres.close();
    }
}
