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
 * service, started on a scratch database (planpulse_replay) in a consumer group of its own, its
 * outbox relay on (a rebuild publishes only what differs from what the topics hold), reads
 * plan.targets.v1 and indicator.reports.v1 from the beginning. It is done when it is ready (it has
 * settled), holds as many revisions as the topic (indicators-service's, and those the sustained
 * apply produced straight onto the topic), and its outbox is drained.
 */
final class Replay {

    private static final List<String> TOPICS = List.of("plan.targets.v1", "indicator.reports.v1");

    /**
     * Events on both topics, the time from the instance's exec until it was done, from its exec until
     * it answered at all, and the events it published (its outbox's rows).
     */
    record Result(long events, double seconds, double startSeconds, long published) {

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
        env.put("MP_MESSAGING_INCOMING_PLAN_TARGETS_GROUP_ID", group);
        env.put("MP_MESSAGING_INCOMING_INDICATOR_REPORTS_GROUP_ID", group);
        long expected = revisionsOnTheTopic(s);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            double live = await(port, "/q/health/live", process, start, Duration.ofMinutes(5));
            await(port, "/q/health/ready", process, start, Duration.ofMinutes(60));
            try (Connection c = DriverManager.getConnection(s.pgUrl(database), s.pgUser(), s.pgPassword())) {
                long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                while (count(c, "select count(*) from revision") < expected || count(c, "select count(*) from outbox") > 0) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("the rebuild did not reach " + expected + " revisions with its "
                                + "outbox drained: see reporting-replay.log");
                    }
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(1000); // the statistics of the outbox's inserts are flushed within a second
                return new Result(events, seconds, live,
                        count(c, "select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where relname = 'outbox'"));
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            drop(s, database);
        }
    }

    /** Seconds from the exec until the instance answers 200 at this health path. */
    private static double await(int port, String path, Process process, long start, Duration patience) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest check = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = start + patience.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(check, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the rebuilding reporting-service did not answer " + path + " 200 within "
                + patience + ": see reporting-replay.log");
    }

    /**
     * The revisions on indicator.reports.v1: indicators-service's, and those the sustained apply
     * produced straight onto the topic (of its own indicators, read from the running reporting-service).
     */
    private static long revisionsOnTheTopic(Settings s) throws SQLException {
        try (Connection indicators = DriverManager.getConnection(s.pgUrl("indicators"), s.pgUser(), s.pgPassword());
                Connection reporting = DriverManager.getConnection(s.pgUrl("reporting"), s.pgUser(), s.pgPassword())) {
            return count(indicators, "select count(*) from report_revision")
                    + count(reporting, "select count(*) from revision where indicator_id ~ '^A[0-9]{3}-'");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); var rows = st.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
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
