package io.planpulse.indicators.testing;

import io.agroal.api.AgroalDataSource;
import io.planpulse.testing.EventPublisher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/** Waits until the service under test has learned what was published. */
public final class Catalogue {

    private Catalogue() {
    }

    /** Publishes the test catalogue at {@code version} and waits until every indicator is in at that version. */
    public static void ensureTestCatalogue(String bootstrapServers, AgroalDataSource db, int version) {
        try (EventPublisher publisher = new EventPublisher(bootstrapServers)) {
            TestPlanEvents.publishTestCatalogue(publisher, version);
        }
        String ids = TestCatalogue.ALL.stream().map(i -> "'" + i.id() + "'").collect(Collectors.joining(","));
        await(db, "select count(*) from catalogue_indicator where indicator_id in (" + ids + ") and version >= " + version
                + " and not deleted", n -> n == TestCatalogue.ALL.size(), Duration.ofSeconds(60));
        await(db, "select count(*) from catalogue_plan where plan_id = '" + TestCatalogue.PLAN + "'", n -> n == 1,
                Duration.ofSeconds(30));
    }

    /** Waits until {@code countQuery} answers a number that {@code done} accepts (-1 while it answers no row). */
    public static void await(AgroalDataSource db, String countQuery, IntPredicate done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(countQuery);
                 ResultSet rs = s.executeQuery()) {
                last = rs.next() ? rs.getInt(1) : -1;
                if (done.test(last)) {
                    return;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("'" + countQuery + "' still answers " + last + " after " + timeout);
    }
}
