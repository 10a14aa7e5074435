package io.planpulse.e2e;

import io.planpulse.testing.KafkaBroker;
import io.planpulse.testing.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as a user runs it: a private PostgreSQL with one database per service, a Kafka
 * broker, and the three services from their built jars, each a process of its own on a free port.
 */
final class Services implements AutoCloseable {

    static final List<String> NAMES = List.of("targets-service", "indicators-service", "reporting-service");

    private final EmbeddedPostgres postgres;
    private final KafkaBroker broker;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    private Services(EmbeddedPostgres postgres, KafkaBroker broker) {
        this.postgres = postgres;
        this.broker = broker;
    }

    static Services start() throws IOException, SQLException, InterruptedException {
        Path root = Path.of(System.getProperty("planpulse.root", "..")).toAbsolutePath().normalize();
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
        Services services = new Services(postgres, KafkaBroker.startNew());
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        for (String name : NAMES) {
            services.launch(root, name, logs);
        }
        for (String name : NAMES) {
            services.awaitReady(name, Duration.ofSeconds(180));
        }
        return services;
    }

    String url(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    private void launch(Path root, String name, Path logs) throws IOException {
        int port = freePort();
        ports.put(name, port);
        String db = name.substring(0, name.indexOf('-'));
        String pg = "127.0.0.1:" + postgres.getPort() + "/" + db;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logs.resolve(name + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pg);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + pg);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Tokens.publicKeyLocation());
        processes.add(builder.start());
    }

    private void awaitReady(String name, Duration timeout) throws InterruptedException {
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
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
