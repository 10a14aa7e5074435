package io.planpulse.indicators.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.planpulse.indicators.domain.CatalogueEntry;
import io.planpulse.model.event.IndicatorDefined;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Plan;
import io.planpulse.model.plan.Window;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue learned from plan.targets.v1. Every write is guarded by the version, so an event
 * applied twice, or older than what is stored, changes nothing.
 */
@ApplicationScoped
public class CatalogueRepository {

    private static final String SELECT = "select i.indicator_id, i.plan_id, i.definition, "
            + "coalesce(p.time_zone, i.time_zone) as time_zone, p.window_from, p.window_to, p.office, "
            + "coalesce(p.review, false) as review "
            + "from catalogue_indicator i left join catalogue_plan p on p.plan_id = i.plan_id and not p.deleted "
            + "where not i.deleted and ";

    private final ObjectMapper json;

    public CatalogueRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The live indicators among {@code ids}. */
    public Uni<Map<String, CatalogueEntry>> find(SqlClient client, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(SELECT + "i.indicator_id = any($1)").execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, CatalogueEntry> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("indicator_id"), entry(row)));
                    return out;
                });
    }

    /** The live indicators a department owns or co-owns. */
    public Uni<List<CatalogueEntry>> ownedBy(SqlClient client, String dept) {
        return client.preparedQuery(SELECT + "$1 = any(i.owners) order by i.indicator_id").execute(Tuple.of(dept))
                .map(rows -> {
                    List<CatalogueEntry> out = new java.util.ArrayList<>();
                    rows.forEach(row -> out.add(entry(row)));
                    return out;
                });
    }

    /** Applies an indicator's definition when it is newer than the stored one; true when applied. */
    public Uni<Boolean> applyDefined(SqlClient client, IndicatorDefined event, Instant at) {
        return client.preparedQuery("""
                        insert into catalogue_indicator (indicator_id, version, plan_id, time_zone, owners, definition, deleted, updated_at)
                        values ($1, $2, $3, $4, $5, $6, false, $7)
                        on conflict (indicator_id) do update set version = excluded.version, plan_id = excluded.plan_id,
                            time_zone = excluded.time_zone, owners = excluded.owners, definition = excluded.definition,
                            deleted = false, updated_at = excluded.updated_at
                        where catalogue_indicator.version < excluded.version""")
                .execute(Tuple.tuple(Arrays.asList(event.indicatorId(), event.version(), event.planId(), event.timeZone(),
                        event.definition().owners().toArray(String[]::new), write(event.definition()),
                        at.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Removes an indicator (a tombstone) when the deletion is newer than the stored version. */
    public Uni<Boolean> applyDeleted(SqlClient client, String indicatorId, int version, Instant at) {
        return client.preparedQuery("""
                        insert into catalogue_indicator (indicator_id, version, owners, deleted, updated_at)
                        values ($1, $2, '{}', true, $3)
                        on conflict (indicator_id) do update set version = excluded.version, deleted = true,
                            definition = null, owners = '{}', updated_at = excluded.updated_at
                        where catalogue_indicator.version < excluded.version""")
                .execute(Tuple.of(indicatorId, version, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> applyPlan(SqlClient client, PlanDefined event, Instant at) {
        return client.preparedQuery("""
                        insert into catalogue_plan (plan_id, version, time_zone, window_from, window_to, office, review,
                                                    deleted, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, false, $8)
                        on conflict (plan_id) do update set version = excluded.version, time_zone = excluded.time_zone,
                            window_from = excluded.window_from, window_to = excluded.window_to,
                            office = excluded.office, review = excluded.review, deleted = false,
                            updated_at = excluded.updated_at
                        where catalogue_plan.version < excluded.version""")
                .execute(Tuple.tuple(Arrays.asList(event.planId(), event.version(),
                        event.timeZone() == null ? Plan.DEFAULT_TIME_ZONE : event.timeZone(),
                        event.window().from(), event.window().to(),
                        event.settings() == null ? null : event.settings().office(),
                        event.settings() != null && event.settings().review(), at.atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> applyPlanDeleted(SqlClient client, String planId, int version, Instant at) {
        return client.preparedQuery("""
                        insert into catalogue_plan (plan_id, version, deleted, updated_at) values ($1, $2, true, $3)
                        on conflict (plan_id) do update set version = excluded.version, deleted = true,
                            updated_at = excluded.updated_at
                        where catalogue_plan.version < excluded.version""")
                .execute(Tuple.of(planId, version, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    private CatalogueEntry entry(Row row) {
        String from = row.getString("window_from");
        String to = row.getString("window_to");
        String zone = row.getString("time_zone");
        return new CatalogueEntry(row.getString("plan_id"), read(row.getString("definition")),
                ZoneId.of(zone == null ? Plan.DEFAULT_TIME_ZONE : zone), from == null ? null : new Window(from, to),
                row.getString("office"), row.getBoolean("review"));
    }

    private Indicator read(String definition) {
        try {
            return json.readValue(definition, Indicator.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored indicator definition no longer reads", e);
        }
    }

    private String write(Indicator definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an indicator definition always serialises", e);
        }
    }
}
