package io.planpulse.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What waits to be judged, and by whom: indicators due in their home partition, plans whose
 * roll-ups are due. Rows are only inserted and taken, never updated, so writers never wait for
 * one another; a row is taken by the transaction that does its work, and stays if that rolls back.
 */
@ApplicationScoped
public class DueRepository {

    /** The advisory lock class of home partitions (two-key form: class, partition). */
    private static final int PARTITION_LOCK_CLASS = 7331;
    /** The advisory lock class of plans' roll-ups (two-key form: class, hash of the plan id). */
    private static final int ROLLUP_LOCK_CLASS = 7332;

    /** An indicator due to be judged in its home partition, and why (the period reported, if any). */
    public record Due(int partition, String indicatorId, String cause, String changedPeriod) {
    }

    /**
     * Takes these partitions' locks until the transaction ends, in ascending order (so that two
     * transactions never wait for each other in a circle). PostgreSQL evaluates a select list's
     * volatile functions after the sort, so the locks are taken in the order of {@code order by}.
     */
    public Uni<Void> lockPartitions(SqlClient client, Collection<Integer> partitions) {
        return client.preparedQuery("select pg_advisory_xact_lock($1, p) from unnest($2::int[]) p order by p")
                .execute(Tuple.of(PARTITION_LOCK_CLASS, new TreeSet<>(partitions).toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /** Takes this partition's lock if no one holds it; false if someone does (it is being judged). */
    public Uni<Boolean> tryLockPartition(SqlClient client, int partition) {
        return client.preparedQuery("select pg_try_advisory_xact_lock($1, $2) as locked")
                .execute(Tuple.of(PARTITION_LOCK_CLASS, partition))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    public Uni<Void> add(SqlClient client, List<Due> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        insert into progress_due (partition, indicator_id, cause, changed_period)
                        select * from unnest($1::int[], $2::text[], $3::text[], $4::text[])""")
                .execute(Tuple.of(due.stream().map(Due::partition).toArray(Integer[]::new),
                        due.stream().map(Due::indicatorId).toArray(String[]::new),
                        due.stream().map(Due::cause).toArray(String[]::new),
                        due.stream().map(Due::changedPeriod).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * The partitions with indicators due for longer than {@code waiting} (zero: any): those whose
     * owner has not taken them with a batch of its own meanwhile.
     */
    public Uni<List<Integer>> partitionsDue(SqlClient client, Duration waiting) {
        return client.preparedQuery("""
                        select distinct partition from progress_due
                        where due_since <= now() - make_interval(secs => $1) order by partition""")
                .execute(Tuple.of(waiting.toMillis() / 1000.0))
                .map(rows -> {
                    List<Integer> out = new ArrayList<>();
                    rows.forEach(row -> out.add(row.getInteger("partition")));
                    return out;
                });
    }

    /** Takes up to {@code limit} of the indicators due in these partitions, oldest first; the caller holds their locks. */
    public Uni<List<Due>> take(SqlClient client, Collection<Integer> partitions, int limit) {
        return client.preparedQuery("""
                        delete from progress_due where id in (
                            select id from progress_due where partition = any($1) order by id limit $2)
                        returning id, partition, indicator_id, cause, changed_period""")
                .execute(Tuple.of(partitions.toArray(Integer[]::new), limit))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new Due(row.getInteger("partition"), row.getString("indicator_id"),
                            row.getString("cause"), row.getString("changed_period"))));
                    return out;
                });
    }

    /** Notes that these plans' roll-ups are due. */
    public Uni<Void> addPlans(SqlClient client, Collection<String> planIds) {
        if (planIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("insert into rollup_due (plan_id) select * from unnest($1::text[])")
                .execute(Tuple.of(planIds.toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * Takes every plan whose roll-ups are due and locks each until the transaction ends (in the
     * order of their lock keys), so that two instances' roll-up steps never compute one plan at once.
     */
    public Uni<Set<String>> takePlans(SqlClient client) {
        return client.query("delete from rollup_due returning plan_id").execute().flatMap(rows -> {
            Set<String> plans = new LinkedHashSet<>();
            rows.forEach(row -> plans.add(row.getString("plan_id")));
            if (plans.isEmpty()) {
                return Uni.createFrom().item(plans);
            }
            return client.preparedQuery("select pg_advisory_xact_lock($1, k) from (select distinct hashtext(p) k "
                            + "from unnest($2::text[]) p order by k) ordered order by k")
                    .execute(Tuple.of(ROLLUP_LOCK_CLASS, plans.toArray(String[]::new))).replaceWith(plans);
        });
    }
}
