package io.planpulse.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.planpulse.chaos.Departments.Entry;
import io.planpulse.chaos.Departments.Outcome;
import io.planpulse.chaos.Departments.Via;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * After a run, proves the promises from the stores and the topic, not from what the services say:
 * every acknowledged report is stored exactly once as the revision its client was told, nothing
 * refused or shed under load is stored, every stored revision is on {@code indicator.reports.v1}, reporting-service
 * holds exactly indicators-service's revisions, and its progress equals a from-scratch
 * recomputation by a new instance that reads both topics into an empty database.
 */
final class Checker {

    static final String REPORTS_TOPIC = "indicator.reports.v1";
    static final String PLAN_ID = "fyp14";
    /** What reporting-service consumes, in a group named after the instance. */
    private static final List<String> REPORTING_INPUTS = List.of("plan.targets.v1", REPORTS_TOPIC);
    /** The consumer groups of the running services and what each reads. */
    private static final Map<String, List<String>> SERVICE_GROUPS = Map.of(
            "indicators-service", List.of("plan.targets.v1"), "reporting-service", REPORTING_INPUTS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A revision of a period's value; the value as plain text without trailing zeros. */
    record Revision(String indicatorId, String period, int revision, String value, boolean withdrawn) {
    }

    /** The figures a run ends with; {@link #problems} is empty when every promise held. */
    record Verdict(int requests, int acknowledged, int refused, int shed, int unknown, int unknownStored, long attempts,
            long retried, int planChanges, int storedRevisions, int onTopic, int topicDuplicates, int comparedProgress,
            Map<Integer, Long> reportStatuses, Map<Integer, Long> planStatuses, Downstream downstream,
            Map<Via, Long> sentVia, Map<Via, Long> acknowledgedVia, List<String> problems) {

        int lost() {
            return (int) problems.stream().filter(p -> p.startsWith("lost")).count();
        }

        int duplicated() {
            return (int) problems.stream().filter(p -> p.startsWith("duplicated")).count();
        }
    }

    private final Cluster cluster;

    Checker(Cluster cluster) {
        this.cluster = cluster;
    }

    /** What the stores and the topic hold after the run: indicators-service's revisions (with their notes), the topic's, reporting-service's. */
    record Evidence(List<Stored> stored, Map<Revision, Integer> topic, Set<Revision> applied) {
    }

    /** A revision in indicators-service's store and the note it was sent with. */
    record Stored(Revision revision, String note) {
    }

    /** The requests' fates judged against the evidence. */
    record Judgement(int acknowledged, int refused, int shed, int unknown, int unknownStored,
            Map<Via, Long> sentVia, Map<Via, Long> acknowledgedVia, List<String> problems) {
    }

    Verdict check(Departments departments, Planner planner, Duration patience) throws Exception {
        awaitSettled(SERVICE_GROUPS, patience);
        List<String> problems = new ArrayList<>();
        checkDefinitions(planner, problems);
        List<Stored> stored = new ArrayList<>();
        try (Connection c = cluster.dataSource("indicators").getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "select indicator_id, period, revision, value, withdrawn, note from report_revision")) {
            while (rows.next()) {
                stored.add(new Stored(new Revision(rows.getString(1), rows.getString(2), rows.getInt(3),
                        plain(rows.getBigDecimal(4)), rows.getBoolean(5)), rows.getString(6)));
            }
        }
        Evidence evidence = new Evidence(stored, readTopic(), revisions(cluster.dataSource("reporting")));
        List<Entry> history = departments.history();
        Judgement judgement = judge(history, evidence);
        problems.addAll(judgement.problems());
        Map<Integer, Long> reportStatuses = departments.statuses();
        Map<Integer, Long> planStatuses = planner.statuses();
        if (reportStatuses.containsKey(500) || planStatuses.containsKey(500)) {
            problems.add("answered 500: reports " + reportStatuses.getOrDefault(500, 0L) + " times, plan changes "
                    + planStatuses.getOrDefault(500, 0L) + " times (a fault is 503 with Retry-After, never 500); "
                    + "the first reports' answers: " + departments.internalErrors());
        }
        if (judgement.acknowledged() == 0) {
            problems.add("nothing acknowledged: a run that got no report through proves nothing");
        }
        int compared = compareWithRecomputation(problems, patience);
        // after the recomputation: a rebuild must not have published anything
        Downstream downstream = Downstream.read(cluster.bootstrapServers());
        problems.addAll(downstream.problems());
        return new Verdict(history.size(), judgement.acknowledged(), judgement.refused(), judgement.shed(),
                judgement.unknown(),
                judgement.unknownStored(), departments.attempts(), departments.failedAttempts(), planner.changes(),
                stored.size(), evidence.topic().size(),
                (int) evidence.topic().values().stream().filter(n -> n > 1).count(), compared, reportStatuses,
                planStatuses, downstream, judgement.sentVia(), judgement.acknowledgedVia(), problems);
    }

    /**
     * Every acknowledged request stored exactly once as the revision its client was told, nothing
     * refused stored, no request stored twice; every stored revision on the topic and nothing else;
     * reporting-service holding exactly the stored revisions.
     */
    static Judgement judge(List<Entry> history, Evidence evidence) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Revision>> byNote = new HashMap<>();
        Set<Revision> stored = new HashSet<>();
        for (Stored s : evidence.stored()) {
            stored.add(s.revision());
            if (s.note() != null) {
                byNote.computeIfAbsent(s.note(), n -> new ArrayList<>()).add(s.revision());
            }
        }
        int acknowledged = 0;
        int refused = 0;
        int shed = 0;
        int unknown = 0;
        int unknownStored = 0;
        Map<Via, Long> sentVia = new EnumMap<>(Via.class);
        Map<Via, Long> acknowledgedVia = new EnumMap<>(Via.class);
        for (Entry e : history) {
            sentVia.merge(e.request().via(), 1L, Long::sum);
            List<Revision> found = byNote.getOrDefault(e.request().note(), List.of());
            if (found.size() > 1) {
                problems.add("duplicated: request " + e.request().key() + " is stored " + found.size() + " times: "
                        + found);
            }
            if (e.outcome() instanceof Outcome.Acknowledged a) {
                acknowledged++;
                acknowledgedVia.merge(e.request().via(), 1L, Long::sum);
                if (found.isEmpty()) {
                    problems.add("lost: acknowledged request " + e.request() + " (revision " + a.revision()
                            + ") is not stored");
                } else if (found.size() == 1 && !matches(found.get(0), e, a.revision())) {
                    problems.add("changed: request " + e.request() + " was told revision " + a.revision()
                            + ", the store has " + found.get(0));
                }
                if (e.request().wrong()) {
                    problems.add("let in: a request meant to be refused was acknowledged: " + e.request());
                }
            } else if (e.outcome() instanceof Outcome.Refused r) {
                refused++;
                if (!found.isEmpty()) {
                    problems.add("refused but stored: request " + e.request() + " (" + r.status() + " " + r.code() + ")");
                }
                if (!e.request().wrong()) {
                    problems.add("refused: a valid request got " + r.status() + " " + r.code() + ": " + e.request());
                }
            } else if (e.outcome() instanceof Outcome.Shed r) {
                shed++;
                if (!found.isEmpty()) {
                    problems.add("shed but stored: request " + e.request() + " (" + r.status() + " " + r.code() + ")");
                }
                if (r.retryAfter() == null || !r.retryAfter().matches("[1-9][0-9]*")) {
                    problems.add("shed without Retry-After: request " + e.request() + " (" + r.status() + " " + r.code()
                            + ", Retry-After " + r.retryAfter() + ")");
                }
            } else {
                unknown++;
                unknownStored += found.isEmpty() ? 0 : 1;
            }
        }
        for (Revision r : stored) {
            if (!evidence.topic().containsKey(r)) {
                problems.add("not published: stored revision " + r + " is not on " + REPORTS_TOPIC);
            }
        }
        for (Revision r : evidence.topic().keySet()) {
            if (!stored.contains(r)) {
                problems.add("published but not stored: " + r);
            }
        }
        if (!evidence.applied().equals(stored)) {
            Set<Revision> missing = new HashSet<>(stored);
            missing.removeAll(evidence.applied());
            Set<Revision> extra = new HashSet<>(evidence.applied());
            extra.removeAll(stored);
            problems.add("reporting-service differs from indicators-service: missing " + first(missing) + " ("
                    + missing.size() + "), extra " + first(extra) + " (" + extra.size() + ")");
        }
        return new Judgement(acknowledged, refused, shed, unknown, unknownStored, sentVia, acknowledgedVia, problems);
    }

    /**
     * The planner's changes: targets-service keeps at least the version it acknowledged last, and
     * indicators-service and reporting-service know exactly targets-service's latest plan and
     * version of the indicator it changed.
     */
    private void checkDefinitions(Planner planner, List<String> problems) throws SQLException {
        if (planner.refusal() != null) {
            problems.add("refused: a plan change got " + planner.refusal());
        }
        String indicator = "GDP-TOTAL";
        long plan = count(cluster.dataSource("targets"),
                "select max(version) from plan_version where plan_id = '" + PLAN_ID + "'");
        if (plan < planner.acknowledgedVersion()) {
            problems.add("lost: plan change acknowledged as version " + planner.acknowledgedVersion()
                    + ", targets-service has " + plan);
        }
        long definition = count(cluster.dataSource("targets"),
                "select max(version) from indicator_version where indicator_id = '" + indicator + "'");
        long[] known = {
            count(cluster.dataSource("indicators"), "select version from catalogue_plan where plan_id = '" + PLAN_ID + "'"),
            count(cluster.dataSource("indicators"),
                    "select version from catalogue_indicator where indicator_id = '" + indicator + "'"),
            count(cluster.dataSource("reporting"), "select max(version) from plan_version where plan_id = '" + PLAN_ID + "'"),
            count(cluster.dataSource("reporting"),
                    "select max(version) from indicator_version where indicator_id = '" + indicator + "'")};
        if (known[0] != plan || known[2] != plan || known[1] != definition || known[3] != definition) {
            problems.add("definitions differ: targets-service has plan version " + plan + " and " + indicator
                    + " version " + definition + "; indicators-service " + known[0] + " and " + known[1]
                    + "; reporting-service " + known[2] + " and " + known[3]);
        }
    }

    /** The stored revision is the request's: its value for its period, and the revision its client was told, if named. */
    private static boolean matches(Revision stored, Entry e, int revision) {
        return (revision == Outcome.Acknowledged.UNNAMED || stored.revision() == revision)
                && stored.indicatorId().equals(e.request().indicatorId())
                && stored.period().equals(e.request().period())
                && stored.value().equals(plain(e.request().value()));
    }

    /**
     * Starts a new reporting-service on an empty database with consumer groups of its own and no
     * outbox relay, waits until it has read both topics to their ends and settled (it is ready), and
     * compares every indicator's progress with the running instance's; and what it would publish with
     * what its topics hold: a rebuild publishes nothing subscribers hold already.
     */
    private int compareWithRecomputation(List<String> problems, Duration patience) throws Exception {
        String instance = "reporting-rebuild";
        awaitEmpty(cluster.dataSource("reporting"), patience); // what the rebuild reads is all the running one made
        ServiceProcess rebuild = cluster.startInstance(instance, "reporting-service", Map.of(
                "MP_MESSAGING_INCOMING_PLAN_TARGETS_GROUP_ID", instance,
                "MP_MESSAGING_INCOMING_INDICATOR_REPORTS_GROUP_ID", instance,
                "PLANPULSE_OUTBOX_RELAY_ENABLED", "false"));
        try {
            awaitSettled(Map.of(instance, REPORTING_INPUTS), patience);
            problems.addAll(republished(cluster.dataSource(instance.replace('-', '_')), cluster.bootstrapServers()));
            Map<String, JsonNode> running = progress(cluster.dataSource("reporting"));
            Map<String, JsonNode> rebuilt = progress(cluster.dataSource(instance.replace('-', '_')));
            if (!running.keySet().equals(rebuilt.keySet())) {
                problems.add("recomputation: indicators differ: running " + running.keySet() + ", rebuilt "
                        + rebuilt.keySet());
            }
            for (Map.Entry<String, JsonNode> e : running.entrySet()) {
                JsonNode other = rebuilt.get(e.getKey());
                if (other != null && !other.equals(e.getValue())) {
                    problems.add("recomputation: " + e.getKey() + " differs:\n  running " + e.getValue()
                            + "\n  rebuilt " + other);
                }
            }
            return running.size();
        } finally {
            rebuild.stop(Duration.ofSeconds(30));
        }
    }

    private static void awaitEmpty(DataSource db, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (count(db, "select count(*) from outbox") > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("reporting-service's outbox was not drained within " + patience);
            }
            Thread.sleep(200);
        }
    }

    /**
     * What a rebuild would publish (its outbox, its relay being off) that subscribers hold already:
     * a progress document or roll-up whose version is not above the last one on the topic for its
     * key, or whose content is that last one's (version and instants aside).
     */
    static List<String> republished(DataSource rebuilt, String bootstrapServers) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String topic : List.of("indicator.progress.v1", "plan.rollups.v1")) {
            Map<String, JsonNode> last = new HashMap<>();
            TopicRecords.fromStart(bootstrapServers, topic, record -> {
                if (record.value() == null) {
                    last.remove(record.key());
                } else {
                    last.put(record.key(), JSON.readTree(record.value()));
                }
            });
            try (Connection c = rebuilt.getConnection(); var q = c.prepareStatement(
                    "select message_key, version, payload from outbox where topic = ? and payload is not null")) {
                q.setString(1, topic);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        JsonNode held = last.get(rows.getString(1));
                        if (held == null) {
                            continue;
                        }
                        JsonNode next = JSON.readTree(rows.getString(3));
                        if (rows.getInt(2) <= held.path("version").asInt()) {
                            problems.add("rebuild: would publish " + topic + " key " + rows.getString(1) + " version "
                                    + rows.getInt(2) + ", subscribers hold version " + held.path("version").asInt());
                        } else if (content(next).equals(content(held))) {
                            problems.add("rebuild: would publish " + topic + " key " + rows.getString(1)
                                    + " again unchanged (version " + rows.getInt(2) + ")");
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static JsonNode content(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove(List.of("version", "asOf", "computedAt"));
        return copy;
    }

    /** Each indicator's progress document without what differs between computations: version and instants. */
    private static Map<String, JsonNode> progress(DataSource db) throws Exception {
        Map<String, JsonNode> documents = new TreeMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select indicator_id, document from progress")) {
            while (rows.next()) {
                ObjectNode doc = (ObjectNode) JSON.readTree(rows.getString(2));
                doc.remove(List.of("version", "asOf", "computedAt"));
                documents.put(rows.getString(1), doc);
            }
        }
        return documents;
    }

    private static Set<Revision> revisions(DataSource db) throws SQLException {
        Set<Revision> found = new HashSet<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "select indicator_id, period, revision, value, withdrawn from revision")) {
            while (rows.next()) {
                found.add(new Revision(rows.getString(1), rows.getString(2), rows.getInt(3),
                        plain(rows.getBigDecimal(4)), rows.getBoolean(5)));
            }
        }
        return found;
    }

    /** Every revision on the reports topic, read from the beginning to the end, with how often it is there. */
    private Map<Revision, Integer> readTopic() throws Exception {
        Map<Revision, Integer> found = new HashMap<>();
        TopicRecords.fromStart(cluster.bootstrapServers(), REPORTS_TOPIC, record -> {
            JsonNode event = JSON.readTree(record.value());
            Revision r = new Revision(event.get("indicatorId").asText(), event.get("period").asText(),
                    event.get("revision").asInt(), event.hasNonNull("value")
                            ? plain(event.get("value").decimalValue()) : null,
                    event.get("withdrawn").asBoolean());
            found.merge(r, 1, Integer::sum);
        });
        return found;
    }

    /**
     * Waits until the outboxes of targets-service and indicators-service are empty and the given
     * consumer groups have committed every record of the topics they read, twice in a row.
     */
    private void awaitSettled(Map<String, List<String>> groups, Duration patience) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        long deadline = System.nanoTime() + patience.toNanos();
        try (Admin admin = Admin.create(p)) {
            int settled = 0;
            String state = "";
            while (settled < 2) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the system did not settle within " + patience + ": " + state);
                }
                long outboxes = count(cluster.dataSource("targets"), "select count(*) from outbox")
                        + count(cluster.dataSource("indicators"), "select count(*) from outbox");
                long lag = 0;
                for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                    lag += lag(admin, group.getKey(), group.getValue());
                }
                state = "events in outboxes " + outboxes + ", lag of " + groups.keySet() + " " + lag;
                settled = outboxes == 0 && lag == 0 ? settled + 1 : 0;
                Thread.sleep(500);
            }
        }
    }

    /** The records of these topics that the group has not committed yet. */
    private static long lag(Admin admin, String group, List<String> topics) throws Exception {
        var partitions = admin.describeTopics(topics).allTopicNames().get();
        var ends = admin.listOffsets(partitions.values().stream()
                .flatMap(t -> t.partitions().stream().map(i -> new TopicPartition(t.name(), i.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
        }
        return lag;
    }

    private static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static String first(Set<Revision> revisions) {
        return revisions.stream().findFirst().map(Revision::toString).orElse("none");
    }
}
