package io.planpulse.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds reporting-service from both topics into an empty database: a second instance of the
 * service, started on a scratch database (planpulse_replay) in a consumer group of its own and
 * with its outbox relay off (it publishes nothing), reads plan.targets.v1 and indicator.reports.v1
 * from the beginning until its group has no lag.
 */
final class Replay {

    private static final List<String> TOPICS = List.of("plan.targets.v1", "indicator.reports.v1");

    /** Events on both topics, the time from the instance's exec until it had applied them all, and from its exec to ready. */
    record Result(long events, double seconds, double startSeconds) {

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private Replay() {
    }

    static Result run(Settings s) throws Exception {
        String database = "planpulse_replay";
        recreate(s, database);
        long events = events(s);
        String group = "planpulse-replay-" + System.currentTimeMillis();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String host = s.pgUrl().replaceAll("^jdbc:postgresql://([^/]+)/.*$", "$1");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(s.serviceJavaOptions());
        command.add("-jar");
        command.add(s.root().resolve("reporting-service/target/quarkus-app/quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(s.logs().resolve("reporting-replay.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + host + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", s.pgUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", s.pgPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafka());
        env.put("PLANPULSE_OUTBOX_RELAY_ENABLED", "false");
        env.put("MP_MESSAGING_INCOMING_PLAN_TARGETS_GROUP_ID", group);
        env.put("MP_MESSAGING_INCOMING_INDICATOR_REPORTS_GROUP_ID", group);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            double ready = awaitReady(port, process, start);
            Quiet.await(s, Map.of(group, TOPICS), Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(events, seconds, ready);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            drop(s, database);
        }
    }

    /** Seconds from the exec to the instance's first ready answer. */
    private static double awaitReady(int port, Process process, long start) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the replaying reporting-service did not become ready: see reporting-replay.log");
    }

    /** The records on both topics now. */
    private static long events(Settings s) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        try (Admin admin = Admin.create(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (var d : admin.describeTopics(TOPICS).allTopicNames().get().values()) {
                d.partitions().forEach(info -> partitions.add(new TopicPartition(d.name(), info.partition())));
            }
            var earliest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> OffsetSpec.earliest()))).all().get();
            var latest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> OffsetSpec.latest()))).all().get();
            return partitions.stream().mapToLong(tp -> latest.get(tp).offset() - earliest.get(tp).offset()).sum();
        }
    }

    private static void recreate(Settings s, String database) throws SQLException {
        drop(s, database);
        try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
             Statement st = c.createStatement()) {
            st.execute("create database " + database);
        }
    }

    private static void drop(Settings s, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
             Statement st = c.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
        }
    }
}
