package io.planpulse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
        long expected = revisionsOnTheTopic(s);
        try (ReportingInstance rebuild = ReportingInstance.start(s, database, group, "reporting-replay.log")) {
            double live = rebuild.await("/q/health/live", Duration.ofMinutes(5));
            rebuild.await("/q/health/ready", Duration.ofMinutes(60));
            try (Connection c = DriverManager.getConnection(s.pgUrl(database), s.pgUser(), s.pgPassword())) {
                long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                while (count(c, "select count(*) from revision") < expected || count(c, "select count(*) from outbox") > 0) {
                    if (System.nanoTime() > deadline || !rebuild.alive()) {
                        throw new IllegalStateException("the rebuild did not reach " + expected + " revisions with its "
                                + "outbox drained: see reporting-replay.log");
                    }
                    Thread.sleep(100);
                }
                double seconds = rebuild.secondsSinceExec();
                Thread.sleep(1000); // the statistics of the outbox's inserts are flushed within a second
                return new Result(events, seconds, live,
                        count(c, "select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where relname = 'outbox'"));
            }
        } finally {
            drop(s, database);
        }
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
