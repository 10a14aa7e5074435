package io.planpulse.reporting.progress;

import io.planpulse.model.event.EventTypes;
import io.planpulse.model.event.ExplanationGiven;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.model.event.RollupUpdated;
import io.planpulse.model.event.RoundPublished;
import io.planpulse.model.event.RoundReopened;
import io.planpulse.model.event.Topics;
import io.planpulse.platform.consumer.GroupOffsets;
import io.planpulse.reporting.repository.PublishedTopics;
import io.planpulse.reporting.repository.ProgressRepository;
import io.planpulse.reporting.repository.ExplanationRepository;
import io.planpulse.reporting.repository.RollupRepository;
import io.planpulse.reporting.repository.RoundRepository;
import io.planpulse.reporting.repository.SubmittedProgressRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this instance rebuilds its database from the topics (DESIGN §2, "Rebuilding
 * reporting-service"), decided once, at the first input or check: it does when its database holds
 * nothing yet, or when another instance began a rebuild of it that has not settled. While it reads the topics
 * up to where they ended then, it only stores what they hold ({@link Phase#STORING}); once its group
 * has committed that far, it takes what its own topics hold as its current progress, submitted
 * basis and roll-ups, and the rounds published and explanations given ({@link #seed}) and goes {@link Phase#LIVE}; {@link ProgressService#settle} then judges everything
 * once, so that only what differs from what subscribers hold is published, each key's versions
 * continued.
 */
@ApplicationScoped
public class Rebuild {

    /** Only storing what the topics hold, or applying and judging as usual. */
    public enum Phase {
        STORING,
        LIVE
    }

    private static final List<String> INPUTS = List.of(Topics.PLAN_TARGETS, Topics.INDICATOR_REPORTS);
    private static final int SEED_SLICE = 1000;

    private final Pool pool;
    private final GroupOffsets offsets;
    private final PublishedTopics published;
    private final ProgressRepository progress;
    private final RollupRepository rollups;
    private final SubmittedProgressRepository submitted;
    private final RoundRepository rounds;
    private final ExplanationRepository explanations;
    private final Json json;
    private final Clock clock;
    private final List<String> groups;
    private final AtomicInteger storing = new AtomicInteger();
    private final Uni<Phase> decided;
    private volatile Phase phase;
    private volatile Map<TopicPartition, Long> ends;
    private volatile boolean settled;

    public Rebuild(Pool pool, GroupOffsets offsets, PublishedTopics published, ProgressRepository progress,
                   RollupRepository rollups, SubmittedProgressRepository submitted, RoundRepository rounds,
                   ExplanationRepository explanations, Json json, Clock clock,
                   @ConfigProperty(name = "mp.messaging.incoming.indicator-reports.group.id") String reportsGroup,
                   @ConfigProperty(name = "mp.messaging.incoming.plan-targets.group.id") String planGroup) {
        this.pool = pool;
        this.offsets = offsets;
        this.published = published;
        this.progress = progress;
        this.rollups = rollups;
        this.submitted = submitted;
        this.rounds = rounds;
        this.explanations = explanations;
        this.json = json;
        this.clock = clock;
        this.groups = List.copyOf(new LinkedHashSet<>(List.of(reportsGroup, planGroup)));
        this.decided = pool.withTransaction(c -> c.query("""
                        with empty as (
                            select not (exists (select 1 from indicator_version) or exists (select 1 from revision)
                                        or exists (select 1 from progress)) as empty),
                        begun as (
                            insert into rebuild_under_way (started_at) select now() from empty where empty.empty
                            on conflict do nothing)
                        select (select empty from empty) or exists (select 1 from rebuild_under_way) as rebuilding""")
                        .execute())
                .map(rows -> rows.iterator().next().getBoolean("rebuilding"))
                .flatMap(rebuilding -> !rebuilding ? Uni.createFrom().item(Phase.LIVE) : Uni.createFrom().item(() -> {
                    ends = endsNow();
                    Log.infof("rebuilding the database from the topics up to %s, publishing nothing until then", ends);
                    return Phase.STORING;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .invoke(p -> {
                    phase = p;
                    settled = p == Phase.LIVE;
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).indefinitely()
                .memoize().indefinitely();
    }

    /** The phase now (decided at the first call: it waits for that). */
    public Uni<Phase> phase() {
        return decided.map(first -> phase);
    }

    /** True once a rebuild has settled, or when none was needed; false before the phase is decided. */
    public boolean isSettled() {
        return settled;
    }

    /**
     * Counts an apply that only stores, unless the rebuild has gone live meanwhile (then false, and
     * the apply judges as usual); {@link #leaveStoring} ends it.
     */
    boolean enterStoring() {
        storing.incrementAndGet();
        if (phase == Phase.STORING) {
            return true;
        }
        storing.decrementAndGet();
        return false;
    }

    void leaveStoring() {
        storing.decrementAndGet();
    }

    /** True while storing and the groups have committed up to where the topics ended when the rebuild began. */
    boolean readyToSettle() throws Exception {
        if (phase != Phase.STORING) {
            return false;
        }
        for (String group : groups) {
            Map<String, Long> behind = GroupOffsets.behind(ends, offsets.committed(group));
            if (behind.values().stream().anyMatch(n -> n > 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes the last progress document and roll-up of every key on this service's own topics as the
     * current ones, then goes live and waits for the applies that only stored to end.
     */
    Uni<Void> seed() {
        return Uni.createFrom().item(() -> {
                    long progressTaken = published.eachLast(Topics.INDICATOR_PROGRESS, SEED_SLICE, false,
                            slice -> seedProgress(slice).await().indefinitely());
                    Log.infof("rebuild: %d progress documents taken from %s", progressTaken, Topics.INDICATOR_PROGRESS);
                    // a tombstone too: the key's versions continue above it
                    long submittedTaken = published.eachLast(Topics.INDICATOR_PROGRESS_SUBMITTED, SEED_SLICE, true,
                            slice -> seedSubmitted(slice).await().indefinitely());
                    Log.infof("rebuild: %d keys taken from %s", submittedTaken, Topics.INDICATOR_PROGRESS_SUBMITTED);
                    long rollupsTaken = published.eachLast(Topics.PLAN_ROLLUPS, SEED_SLICE, false,
                            slice -> seedRollups(slice).await().indefinitely());
                    Log.infof("rebuild: %d roll-ups taken from %s", rollupsTaken, Topics.PLAN_ROLLUPS);
                    long roundsTaken = published.each(Topics.PLAN_ROUNDS, SEED_SLICE,
                            slice -> seedRounds(slice).await().indefinitely());
                    Log.infof("rebuild: %d publications, reopenings and explanations taken from %s", roundsTaken,
                            Topics.PLAN_ROUNDS);
                    return null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(() -> phase = Phase.LIVE)
                .chain(this::drained);
    }

    /** Marks the rebuild done, for every instance: one that starts from now on is live at once. */
    Uni<Void> settled() {
        return pool.withTransaction(c -> c.query("delete from rebuild_under_way").execute())
                .invoke(() -> settled = true).replaceWithVoid();
    }

    private Uni<Void> seedProgress(List<PublishedTopics.Last> slice) {
        List<ProgressRepository.NewVersion> seeds = new ArrayList<>(slice.size());
        for (PublishedTopics.Last record : slice) {
            ProgressUpdated document = json.read(new String(record.payload(), StandardCharsets.UTF_8), ProgressUpdated.class);
            seeds.add(new ProgressRepository.NewVersion(document.indicatorId(), document.planId(), record.version(),
                    document.status(), ProgressRepository.PUBLISHED, json.write(document), document.late(),
                    ProgressDocuments.contentHash(document, json)));
        }
        return pool.withTransaction(c -> progress.seed(c, seeds, clock.instant()));
    }

    private Uni<Void> seedSubmitted(List<PublishedTopics.Last> slice) {
        List<SubmittedProgressRepository.Written> seeds = new ArrayList<>(slice.size());
        for (PublishedTopics.Last record : slice) {
            String hash = record.payload() == null ? null : ProgressDocuments.contentHash(json.read(
                    new String(record.payload(), StandardCharsets.UTF_8), ProgressUpdated.class), json);
            seeds.add(new SubmittedProgressRepository.Written(record.key(), record.version(), hash));
        }
        return pool.withTransaction(c -> submitted.saveAll(c, seeds, clock.instant(), true));
    }

    /**
     * Restores the rounds' versions, reopenings and explanations their records tell, in the order
     * they were written (a reopening follows its publication on the round's key); what is there
     * already stays.
     */
    private Uni<Void> seedRounds(List<PublishedTopics.Event> slice) {
        return pool.withTransaction(c -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PublishedTopics.Event event : slice) {
                String payload = event.payload() == null ? null : new String(event.payload(), StandardCharsets.UTF_8);
                if (EventTypes.ROUND_PUBLISHED.equals(event.type())) {
                    RoundPublished r = json.read(payload, RoundPublished.class);
                    RoundRepository.StoredRound stored = new RoundRepository.StoredRound(r.planId(), r.round(),
                            r.version(), r.publishedAt(), r.publishedBy().subject(), r.publishedBy().dept(), payload,
                            null, null, null, null);
                    chain = chain.chain(() -> rounds.restore(c, stored));
                } else if (EventTypes.ROUND_REOPENED.equals(event.type())) {
                    RoundReopened r = json.read(payload, RoundReopened.class);
                    RoundRepository.StoredRound which = new RoundRepository.StoredRound(r.planId(), r.round(),
                            r.version(), null, null, null, null, null, null, null, null);
                    chain = chain.chain(() -> rounds.reopen(c, which, r.reopenedAt(), r.reopenedBy().subject(),
                            r.reason(), null));
                } else if (EventTypes.EXPLANATION_GIVEN.equals(event.type())) {
                    ExplanationGiven e = json.read(payload, ExplanationGiven.class);
                    chain = chain.chain(() -> explanations.restore(c, new ExplanationRepository.StoredExplanation(
                            e.indicatorId(), e.round(), e.revision(), e.planId(), e.status(), e.cause(), e.measures(),
                            e.expectedRecovery(), e.lang(), e.writtenBy().subject(), e.writtenBy().dept(),
                            e.writtenAt())));
                }
            }
            return chain;
        });
    }

    private Uni<Void> seedRollups(List<PublishedTopics.Last> slice) {
        List<RollupRepository.NewVersion> seeds = new ArrayList<>(slice.size());
        for (PublishedTopics.Last record : slice) {
            RollupUpdated r = json.read(new String(record.payload(), StandardCharsets.UTF_8), RollupUpdated.class);
            // stored as computed (version 0); the version is the row's
            seeds.add(new RollupRepository.NewVersion(r.key(), r.planId(), record.version(), json.write(
                    new RollupUpdated(r.key(), r.planId(), r.scope(), r.id(), r.counts(), r.status(),
                            r.bindingStatus(), r.onTrackShare(), 0))));
        }
        return pool.withTransaction(c -> rollups.seed(c, seeds, clock.instant()));
    }

    /** Completes once no apply that only stores is under way. */
    private Uni<Void> drained() {
        return Multi.createFrom().ticks().every(Duration.ofMillis(20)).filter(tick -> storing.get() == 0)
                .toUni().replaceWithVoid();
    }

    private Map<TopicPartition, Long> endsNow() {
        try {
            return offsets.ends(INPUTS);
        } catch (Exception e) {
            throw new IllegalStateException("the topics' ends could not be read: " + e.getMessage(), e);
        }
    }
}
