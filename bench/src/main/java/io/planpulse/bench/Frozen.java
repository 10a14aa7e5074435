package io.planpulse.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the ratios to the calibration stand on, read from the system under test before a run:
 * PostgreSQL keeps its promise on commit (synchronous_commit and fsync on), every producer waits for
 * acks=all (the calibration's and the outbox relay's, fixed in code), and indicators-service's rate
 * limit and shedding thresholds. A run refuses to start on a PostgreSQL that does not keep its
 * promise, since its figures would compare unlike with unlike; the rest is recorded with the run.
 * Changing any of them is a change to docs/benchmarks.md, with its reason.
 */
final class Frozen {

    static final List<String> INGEST_LIMITS = List.of("planpulse.ingest.max-in-flight",
            "planpulse.ingest.max-in-flight-bytes", "planpulse.ingest.department-rate",
            "planpulse.ingest.department-burst", "planpulse.ingest.database-timeout");

    private Frozen() {
    }

    /** The frozen settings as found; fails when PostgreSQL does not commit durably. */
    static Map<String, String> check(Settings s) throws SQLException, IOException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
             Statement st = c.createStatement()) {
            for (String setting : List.of("synchronous_commit", "fsync", "wal_sync_method", "full_page_writes")) {
                try (ResultSet r = st.executeQuery("show " + setting)) {
                    r.next();
                    found.put("postgresql." + setting, r.getString(1));
                }
            }
        }
        if (!"on".equals(found.get("postgresql.synchronous_commit")) || !"on".equals(found.get("postgresql.fsync"))) {
            throw new IllegalStateException("PostgreSQL runs with synchronous_commit=" + found.get("postgresql.synchronous_commit")
                    + ", fsync=" + found.get("postgresql.fsync") + ": the benchmarks compare durable commits only");
        }
        found.put("kafka.acks", "all (calibration producer and outbox relays)");
        Properties indicators = new Properties();
        try (Reader in = Files.newBufferedReader(s.root().resolve("indicators-service/src/main/resources/application.properties"))) {
            indicators.load(in);
        }
        for (String key : INGEST_LIMITS) {
            found.put(key, indicators.getProperty(key, "(default)"));
        }
        return found;
    }

    /** The calibration's method, as written with every run. */
    static String calibrationMethod() {
        return "PostgreSQL: single-row INSERT + COMMIT from 8 JDBC clients, a prepared 500-row INSERT from 1, COPY, "
                + "into a scratch table shaped like a report revision (database planpulse_bench, same server); Kafka: "
                + "an idempotent producer with acks=all and a consumer, 300-byte records, on a scratch topic";
    }
}
