package io.planpulse.reporting.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every version of every plan and indicator definition, kept with the instant of the change, so that
 * the definition in force at any instant can be read. Adding a version twice changes nothing.
 */
@ApplicationScoped
public class DefinitionRepository {

    /** The latest version of each indicator at an instant (null: now). */
    private static final String LATEST = """
            select distinct on (indicator_id) indicator_id, version, plan_id, time_zone, node_path, definition, deleted
            from indicator_version where ($1::timestamptz is null or received_at <= $1)""";

    /** The version of each plan read last, parsed (one per plan, so as many as there are plans). */
    private record ParsedPlan(int version, PlanDefined plan) {
    }

    private final ObjectMapper json;
    private final Map<String, ParsedPlan> plans = new ConcurrentHashMap<>();

    public DefinitionRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores a version of an indicator; false when it was stored before. */
    public Uni<Boolean> addIndicator(SqlClient client, IndicatorDefined event, Instant at) {
        return client.preparedQuery("""
                        insert into indicator_version (indicator_id, version, plan_id, time_zone, node_path, benchmark,
                            subject, definition, deleted, received_at, owners, binding, weight)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, false, $9, $10, $11, $12) on conflict do nothing""")
                .execute(Tuple.tuple(Arrays.asList(event.indicatorId(), event.version(), event.planId(), event.timeZone(),
                        String.join("/", event.nodePath() == null ? List.of() : event.nodePath()),
                        event.definition().benchmark(), event.definition().subject(), write(event.definition()),
                        at.atOffset(ZoneOffset.UTC), event.definition().owners().toArray(String[]::new),
                        event.definition().binding(), event.definition().weight())))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> addIndicatorDeletion(SqlClient client, String indicatorId, int version, Instant at) {
        return client.preparedQuery("""
                        insert into indicator_version (indicator_id, version, deleted, received_at)
                        values ($1, $2, true, $3) on conflict do nothing""")
                .execute(Tuple.of(indicatorId, version, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> addPlan(SqlClient client, PlanDefined event, Instant at) {
        return client.preparedQuery("""
                        insert into plan_version (plan_id, version, definition, time_zone, deleted, received_at)
                        values ($1, $2, $3, $4, false, $5) on conflict do nothing""")
                .execute(Tuple.of(event.planId(), event.version(), write(event), event.timeZone(),
                        at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> addPlanDeletion(SqlClient client, String planId, int version, Instant at) {
        return client.preparedQuery("""
                        insert into plan_version (plan_id, version, deleted, received_at)
                        values ($1, $2, true, $3) on conflict do nothing""")
                .execute(Tuple.of(planId, version, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The indicator's definition in force at {@code asOf} (null: now), if it had one then. */
    public Uni<Optional<StoredIndicator>> indicator(SqlClient client, String indicatorId, Instant asOf) {
        return client.preparedQuery(LATEST + " and indicator_id = $2 order by indicator_id, version desc")
                .execute(Tuple.of(at(asOf), indicatorId))
                .map(rows -> first(rows).map(this::indicator));
    }

    /** The latest definitions of these indicators now (deleted ones included), by indicator. */
    public Uni<Map<String, StoredIndicator>> indicators(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(LATEST + " and indicator_id = any($2) order by indicator_id, version desc")
                .execute(Tuple.of((OffsetDateTime) null, indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredIndicator> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("indicator_id"), indicator(row)));
                    return out;
                });
    }

    /** The live indicators of a plan at {@code asOf} (null: now). */
    public Uni<List<StoredIndicator>> planIndicators(SqlClient client, String planId, Instant asOf) {
        return client.preparedQuery("select * from (" + LATEST + """
                         and indicator_id in (select indicator_id from indicator_version where plan_id = $2)
                        order by indicator_id, version desc) latest
                        where plan_id = $2 and not deleted order by indicator_id""")
                .execute(Tuple.of(at(asOf), planId))
                .map(this::indicators);
    }

    /** Every live indicator now (its definition not read: tens of thousands of them in a province). */
    public Uni<List<LiveIndicator>> liveIndicators(SqlClient client) {
        return client.query("""
                        select indicator_id, plan_id from (
                            select distinct on (indicator_id) indicator_id, plan_id, deleted from indicator_version
                            order by indicator_id, version desc) latest
                        where not deleted order by indicator_id""")
                .execute()
                .map(rows -> {
                    List<LiveIndicator> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new LiveIndicator(row.getString("indicator_id"), row.getString("plan_id"))));
                    return out;
                });
    }

    /** A live indicator, without its definition: who to judge, and the plan whose roll-ups it enters. */
    public record LiveIndicator(String indicatorId, String planId) {
    }

    /** Every time zone a plan or indicator has ever named (a superset of those in force). */
    public Uni<Set<String>> timeZones(SqlClient client) {
        return client.query("""
                        select time_zone from plan_version where time_zone is not null
                        union select time_zone from indicator_version where time_zone is not null""")
                .execute()
                .map(rows -> {
                    Set<String> zones = new HashSet<>();
                    rows.forEach(row -> zones.add(row.getString("time_zone")));
                    return zones;
                });
    }

    /** A live indicator that reads another as its benchmark or subject (either may be null). */
    public record Dependent(String indicatorId, String benchmark, String subject) {
    }

    /** The live indicators that read any of {@code indicatorIds} as benchmark or subject. */
    public Uni<List<Dependent>> dependents(SqlClient client, Collection<String> indicatorIds) {
        if (indicatorIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery("""
                        select indicator_id, benchmark, subject from (
                            select distinct on (indicator_id) indicator_id, benchmark, subject, deleted
                            from indicator_version
                            where indicator_id in (select indicator_id from indicator_version
                                                   where benchmark = any($1) or subject = any($1))
                            order by indicator_id, version desc) latest
                        where not deleted and (benchmark = any($1) or subject = any($1))""")
                .execute(Tuple.of(indicatorIds.toArray(String[]::new)))
                .map(rows -> {
                    List<Dependent> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new Dependent(row.getString("indicator_id"), row.getString("benchmark"),
                            row.getString("subject"))));
                    return out;
                });
    }

    /**
     * The plans among {@code planIds} in force at {@code asOf} (null: now), deleted ones left out. A
     * plan's definition is its whole tree, tens of kilobytes for a city's plan, and judging a batch
     * reads the plans of all its indicators: so their versions are read first, and a definition only
     * where this instance has not parsed that version yet.
     */
    public Uni<Map<String, PlanDefined>> plans(SqlClient client, Collection<String> planIds, Instant asOf) {
        if (planIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("""
                        select distinct on (plan_id) plan_id, version, deleted from plan_version
                        where plan_id = any($1) and ($2::timestamptz is null or received_at <= $2)
                        order by plan_id, version desc""")
                .execute(Tuple.of(planIds.toArray(String[]::new), at(asOf)))
                .flatMap(rows -> {
                    Map<String, Integer> live = new HashMap<>();
                    rows.forEach(row -> {
                        if (!row.getBoolean("deleted")) {
                            live.put(row.getString("plan_id"), row.getInteger("version"));
                        }
                    });
                    Map<String, PlanDefined> out = new HashMap<>();
                    List<String> unread = new ArrayList<>();
                    live.forEach((planId, version) -> {
                        ParsedPlan parsed = plans.get(planId);
                        if (parsed != null && parsed.version() == version) {
                            out.put(planId, parsed.plan());
                        } else {
                            unread.add(planId);
                        }
                    });
                    if (unread.isEmpty()) {
                        return Uni.createFrom().item(out);
                    }
                    return client.preparedQuery("""
                                    select plan_id, version, definition from plan_version
                                    where (plan_id, version) in (select * from unnest($1::text[], $2::int[]))""")
                            .execute(Tuple.of(unread.toArray(String[]::new),
                                    unread.stream().map(live::get).toArray(Integer[]::new)))
                            .map(definitions -> {
                                definitions.forEach(row -> out.put(row.getString("plan_id"), plan(row)));
                                return out;
                            });
                });
    }

    /** The plan in force at {@code asOf} (null: now), unless it was deleted. */
    public Uni<Optional<PlanDefined>> plan(SqlClient client, String planId, Instant asOf) {
        return client.preparedQuery("""
                        select plan_id, version, definition, deleted from plan_version
                        where plan_id = $1 and ($2::timestamptz is null or received_at <= $2)
                        order by version desc limit 1""")
                .execute(Tuple.of(planId, at(asOf)))
                .map(rows -> first(rows).filter(row -> !row.getBoolean("deleted"))
                        .map(this::plan));
    }

    /**
     * A stored plan version, read once: a plan's definition is its whole tree, read again for every
     * batch that touches one of its indicators, and a version never changes.
     */
    private PlanDefined plan(Row row) {
        String planId = row.getString("plan_id");
        int version = row.getInteger("version");
        ParsedPlan parsed = plans.get(planId);
        if (parsed == null || parsed.version() != version) {
            parsed = new ParsedPlan(version, read(row.getString("definition"), PlanDefined.class));
            plans.put(planId, parsed);
        }
        return parsed.plan();
    }

    private List<StoredIndicator> indicators(RowSet<Row> rows) {
        List<StoredIndicator> out = new ArrayList<>();
        rows.forEach(row -> out.add(indicator(row)));
        return out;
    }

    private StoredIndicator indicator(Row row) {
        String path = row.getString("node_path");
        String definition = row.getString("definition");
        return new StoredIndicator(row.getString("indicator_id"), row.getInteger("version"), row.getString("plan_id"),
                row.getString("time_zone"), path == null || path.isEmpty() ? List.of() : Arrays.asList(path.split("/")),
                definition == null ? null : read(definition, io.planpulse.model.plan.Indicator.class),
                row.getBoolean("deleted"));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored definition no longer reads", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a definition always serialises", e);
        }
    }
}
