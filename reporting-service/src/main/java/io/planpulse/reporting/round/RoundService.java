package io.planpulse.reporting.round;

import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.event.RoundPublished;
import io.planpulse.model.event.RoundReopened;
import io.planpulse.model.event.Topics;
import io.planpulse.model.plan.Period;
import io.planpulse.platform.error.NotFoundException;
import io.planpulse.platform.outbox.OutboxRow;
import io.planpulse.platform.outbox.OutboxWriter;
import io.planpulse.reporting.domain.Revision;
import io.planpulse.reporting.domain.RoundRules;
import io.planpulse.reporting.progress.Json;
import io.planpulse.reporting.progress.PlanView;
import io.planpulse.reporting.progress.ProgressQueries;
import io.planpulse.reporting.repository.DefinitionRepository;
import io.planpulse.reporting.repository.RevisionRepository;
import io.planpulse.reporting.repository.RoundRepository;
import io.planpulse.reporting.repository.RoundRepository.StoredRound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The plan office's monitoring rounds (DESIGN §7, "Rounds"): publishes a round as an immutable,
 * citable version equal to the official as-of answer at its instant, reopens one (an admin, with
 * a reason), and cites any version with the corrections made to its periods since. A publication
 * or reopening is one transaction holding the round's lock, its row and its event; a retry with the
 * caller's Idempotency-Key finds what the first one made.
 */
@ApplicationScoped
public class RoundService {

    private final Pool pool;
    private final DefinitionRepository definitions;
    private final RoundRepository rounds;
    private final RevisionRepository revisions;
    private final ProgressQueries queries;
    private final OutboxWriter outbox;
    private final Json json;
    private final Clock clock;

    public RoundService(Pool pool, DefinitionRepository definitions, RoundRepository rounds, RevisionRepository revisions,
                        ProgressQueries queries, OutboxWriter outbox, Json json, Clock clock) {
        this.pool = pool;
        this.definitions = definitions;
        this.rounds = rounds;
        this.revisions = revisions;
        this.queries = queries;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** Publishes the round's next version, or (a retry with the same key) answers the version that made. */
    public Uni<RoundView> publish(String planId, Period round, Actor actor, String idempotencyKey) {
        String key = actor.key(idempotencyKey);
        return pool.withTransaction(c -> rounds.lock(c, planId, round.toString())
                .chain(() -> key == null ? Uni.createFrom().item(Optional.<StoredRound>empty()) : rounds.byKey(c, key, false))
                .flatMap(kept -> kept.isPresent() ? Uni.createFrom().item(same(kept.get(), planId, round, idempotencyKey))
                        : plan(c, planId).flatMap(plan -> {
                            checkMayPublish(plan, actor);
                            Instant now = clock.instant();
                            LocalDate today = LocalDate.ofInstant(now, plan.zone());
                            return rounds.find(c, planId, round.toString(), null).flatMap(latest -> {
                                // what is refused without the plan's answer is refused before it is computed
                                refuse(RoundRules.publish(round, plan.window(), today, state(latest), true));
                                return queries.planView(planId, now).flatMap(view -> officialValues(c, view, round, now)
                                        .flatMap(values -> {
                                            refuse(RoundRules.publish(round, plan.window(), today, state(latest),
                                                    !values.isEmpty()));
                                            int version = latest.map(StoredRound::version).orElse(0) + 1;
                                            return add(c, view, round, version, values, actor, now, key);
                                        }));
                            });
                        }))
                .flatMap(stored -> view(c, stored)));
    }

    private static void refuse(Optional<RoundRules.Refusal> refusal) {
        refusal.ifPresent(r -> {
            throw new RoundRefusedException(r);
        });
    }

    public Uni<RoundView> reopen(String planId, Period round, String reason, Actor actor, String idempotencyKey) {
        String key = actor.key(idempotencyKey);
        return pool.withTransaction(c -> rounds.lock(c, planId, round.toString())
                .chain(() -> key == null ? Uni.createFrom().item(Optional.<StoredRound>empty()) : rounds.byKey(c, key, true))
                .flatMap(kept -> kept.isPresent() ? view(c, same(kept.get(), planId, round, idempotencyKey))
                        : plan(c, planId).chain(() -> rounds.find(c, planId, round.toString(), null)).flatMap(latest -> {
                            refuse(RoundRules.reopen(round, state(latest)));
                            StoredRound stored = latest.orElseThrow();
                            Instant now = clock.instant();
                            RoundReopened event = new RoundReopened(planId, round.toString(), stored.version(), reason,
                                    now, actor.by());
                            return rounds.reopen(c, stored, now, actor.subject(), reason, key)
                                    .chain(() -> outbox.add(c, List.of(event(EventTypes.ROUND_REOPENED, planId, round,
                                            stored.version(), now, event))))
                                    .chain(() -> rounds.find(c, planId, round.toString(), stored.version()))
                                    .flatMap(reopened -> view(c, reopened.orElseThrow()));
                        })));
    }

    /** A round as cited: its latest version, or a given one. */
    public Uni<RoundView> get(String planId, Period round, Integer version) {
        return pool.withConnection(c -> rounds.find(c, planId, round.toString(), version).flatMap(found -> {
            if (found.isEmpty()) {
                throw new NotFoundException("round " + round + " of plan " + planId + " was never published"
                        + (version == null ? "" : " as version " + version));
            }
            return view(c, found.get());
        }));
    }

    /**
     * The plan as a published version showed it: as of its publication, each indicator's figures
     * those of the round's stored answer, even where a value reached this service late.
     */
    public Uni<PlanView> shown(RoundView round) {
        Map<String, ProgressUpdated> published = new HashMap<>();
        publishedDocuments(round.progress().get("nodes"), published);
        return queries.planView(round.planId(), round.publishedAt()).map(view -> {
            Map<String, PlanView.Entry> shown = new LinkedHashMap<>();
            view.indicators().forEach((id, e) -> shown.put(id, new PlanView.Entry(e.stored(),
                    published.getOrDefault(id, e.document()))));
            return new PlanView(view.plan(), round.publishedAt(), shown, view.rollups());
        });
    }

    /** The progress documents of a round's published answer, by indicator, from its tree's nodes. */
    private void publishedDocuments(Object nodes, Map<String, ProgressUpdated> out) {
        if (!(nodes instanceof List<?> list)) {
            return;
        }
        for (Object node : list) {
            if (node instanceof Map<?, ?> n) {
                if (n.get("indicators") instanceof List<?> documents) {
                    documents.forEach(d -> {
                        ProgressUpdated document = json.convert(d, ProgressUpdated.class);
                        out.put(document.indicatorId(), document);
                    });
                }
                publishedDocuments(n.get("children"), out);
            }
        }
    }

    /** Every version of every round of a plan, without their progress answers. */
    public Uni<List<RoundView>> list(String planId) {
        return pool.withConnection(c -> rounds.all(c, planId)).map(all -> all.stream()
                .map(r -> summary(r, read(r), List.of(), null)).toList());
    }

    private Uni<PlanDefined> plan(SqlClient c, String planId) {
        return definitions.plan(c, planId, null).map(plan -> plan.orElseThrow(
                () -> new NotFoundException("there is no plan " + planId)));
    }

    private static void checkMayPublish(PlanDefined plan, Actor actor) {
        String office = plan.settings() == null ? null : plan.settings().office();
        if (!RoundRules.mayPublish(actor.dept(), actor.admin(), office)) {
            throw new RoundRefusedException(new RoundRules.Refusal(403, "FORBIDDEN_ROUND", office == null
                    ? "plan " + plan.planId() + " names no office: only an admin publishes its rounds"
                    : "only a planner of " + office + " (the plan office) or an admin publishes the rounds of plan "
                            + plan.planId()));
        }
    }

    /** The kept version, when the key was first used for this same round; else 422 as for any reused key. */
    private static StoredRound same(StoredRound kept, String planId, Period round, String key) {
        if (!kept.planId().equals(planId) || !kept.round().equals(round.toString())) {
            throw new RoundRefusedException(new RoundRules.Refusal(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key '"
                    + key + "' was used for round " + kept.round() + " of plan " + kept.planId()
                    + "; use a new key for a new request"));
        }
        return kept;
    }

    /** The official value of each period within the round, of the plan's indicators, at this instant. */
    private Uni<List<RoundPublished.Value>> officialValues(SqlClient c, PlanView view, Period round, Instant at) {
        return revisions.latest(c, view.indicators().keySet(), at).map(byId -> {
            List<RoundPublished.Value> values = new ArrayList<>();
            byId.forEach((id, list) -> list.stream()
                    .filter(r -> !r.withdrawn() && r.value() != null
                            && Period.parse(r.period()).map(p -> p.isWithin(round)).orElse(false))
                    .forEach(r -> values.add(new RoundPublished.Value(id, r.period(), r.revision(), r.value()))));
            values.sort(Comparator.comparing(RoundPublished.Value::indicatorId).thenComparing(RoundPublished.Value::period));
            return values;
        });
    }

    private Uni<StoredRound> add(SqlClient c, PlanView view, Period round, int version,
                                 List<RoundPublished.Value> values, Actor actor, Instant now, String key) {
        List<RoundPublished.Figure> figures = view.indicators().values().stream().map(e -> {
            ProgressUpdated d = e.document();
            return new RoundPublished.Figure(d.indicatorId(), d.status(), d.period(), d.actual(), d.revision());
        }).toList();
        RoundPublished record = new RoundPublished(view.plan().planId(), round.toString(), version, now, actor.by(),
                figures, values);
        StoredRound stored = new StoredRound(view.plan().planId(), round.toString(), version, now, actor.subject(),
                actor.dept(), json.write(record), json.write(queries.tree(view)), null, null, null);
        return rounds.add(c, stored, key)
                .chain(() -> outbox.add(c, List.of(event(EventTypes.ROUND_PUBLISHED, view.plan().planId(), round, version,
                        now, record))))
                .replaceWith(stored);
    }

    private OutboxRow event(String type, String planId, Period round, int version, Instant at, Object payload) {
        String key = EventTypes.roundKey(planId, round.toString());
        return new OutboxRow(Topics.PLAN_ROUNDS, key, type, UUID.randomUUID(), key, at, version, json.write(payload));
    }

    /** The version as cited, with the corrections to its periods since it was published. */
    private Uni<RoundView> view(SqlClient c, StoredRound stored) {
        RoundPublished record = read(stored);
        List<String> ids = record.indicators().stream().map(RoundPublished.Figure::indicatorId).toList();
        Period round = Period.parse(stored.round()).orElseThrow();
        return revisions.latest(c, ids, null).flatMap(byId -> snapshot(stored).map(snapshot -> summary(stored, record,
                corrections(record, byId, round), snapshot)));
    }

    /**
     * The plan's progress answer as of the version's publication: as stored with it, or where a
     * rebuild restored the version from its record (which does not carry it), computed again.
     */
    @SuppressWarnings("unchecked")
    private Uni<Map<String, Object>> snapshot(StoredRound stored) {
        if (stored.snapshot() != null) {
            return Uni.createFrom().item(json.read(stored.snapshot(), Map.class));
        }
        return queries.planView(stored.planId(), stored.publishedAt()).map(queries::tree);
    }

    private static List<RoundView.Correction> corrections(RoundPublished record, Map<String, List<Revision>> current,
                                                          Period round) {
        Map<String, RoundPublished.Value> published = new HashMap<>();
        record.values().forEach(v -> published.put(v.indicatorId() + "/" + v.period(), v));
        List<RoundView.Correction> out = new ArrayList<>();
        current.forEach((id, list) -> list.stream()
                .filter(r -> Period.parse(r.period()).map(p -> p.isWithin(round)).orElse(false))
                .forEach(r -> {
                    RoundPublished.Value was = published.get(id + "/" + r.period());
                    boolean unchanged = was == null ? r.withdrawn() : was.revision() == r.revision();
                    if (!unchanged) {
                        out.add(new RoundView.Correction(id, r.period(), was == null ? null : was.revision(),
                                was == null ? null : was.value(), r.revision(), r.withdrawn() ? null : r.value(),
                                r.knownAt()));
                    }
                }));
        out.sort(Comparator.comparing(RoundView.Correction::indicatorId).thenComparing(RoundView.Correction::period));
        return out;
    }

    private RoundPublished read(StoredRound stored) {
        return json.read(stored.record(), RoundPublished.class);
    }

    private static RoundView summary(StoredRound stored, RoundPublished record, List<RoundView.Correction> corrections,
                                     Map<String, Object> progress) {
        return new RoundView(stored.planId(), stored.round(), stored.version(),
                stored.reopenedAt() == null ? "PUBLISHED" : "REOPENED", stored.publishedAt(), record.publishedBy(),
                stored.reopenedAt() == null ? null : new RoundView.Reopened(stored.reopenedAt(), stored.reopenedBy(),
                        stored.reopenReason()), record.indicators(), record.values(), corrections, progress);
    }

    private static RoundRules.State state(Optional<StoredRound> latest) {
        return latest.isEmpty() ? RoundRules.State.NONE
                : latest.get().reopenedAt() == null ? RoundRules.State.PUBLISHED : RoundRules.State.REOPENED;
    }
}
