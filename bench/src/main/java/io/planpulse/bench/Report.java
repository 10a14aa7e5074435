package io.planpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * docs/benchmarks.md, written from one recorded run (docs/bench-runs/*.json) and from nothing else,
 * above the hand-written analysis it keeps. {@code Report RECORD OUT} renders an existing record.
 */
final class Report {

    private static final String KEPT = "\n## Analysis";

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Path.of(args[1]));
    }

    static void write(Path record, Path out) throws IOException {
        String kept = "";
        if (Files.exists(out)) {
            String old = Files.readString(out);
            int at = old.indexOf(KEPT);
            kept = at < 0 ? "" : old.substring(at);
        }
        Files.writeString(out, render(Api.JSON.readTree(record.toFile()), out.getParent() == null ? record
                : out.toAbsolutePath().getParent().relativize(record.toAbsolutePath())) + kept);
    }

    static String render(JsonNode r, Path recordPath) {
        StringBuilder md = new StringBuilder("# Benchmarks\n\n");
        JsonNode m = r.path("machine");
        md.append(String.format(Locale.ROOT, "Recorded run [`%s`](%s): `%s` at commit `%s`, %s to %s, against the system "
                + "`./planpulse up` started, everything on one machine: %d cores, %d GB memory, %s; the services run with "
                + "`%s`. The load comes from %s. Latencies are from each request's intended start (open loop: a request "
                + "that waited for a connection in the client's queue counts its wait), and only 2xx answers enter the "
                + "latency columns; every other answer is counted by its status.\n\n",
                recordPath.getFileName(), recordPath.toString().replace('\\', '/'), r.path("command").asText(),
                r.path("commit").asText(), r.path("started").asText(), r.path("ended").asText(), m.path("cores").asInt(),
                m.path("memoryGb").asInt(), m.path("os").asText(), m.path("serviceJavaOptions").asText(),
                m.path("loadGenerator").asText()));
        md.append("## What the figures stand on\n\n| setting | value |\n|---|---|\n");
        fields(r.path("frozen")).forEachRemaining(e -> md.append("| ").append(e.getKey()).append(" | ")
                .append(e.getValue().asText()).append(" |\n"));
        JsonNode c = r.path("calibration");
        md.append("\n## Calibration (the raw paths, same run)\n\n| path | rate |\n|---|---|\n")
                .append(rate("PostgreSQL single-row commits, 8 clients", c.path("singleRowCommitsPerSecond"), "rows/s"))
                .append(rate("PostgreSQL prepared 500-row INSERT, 1 client", c.path("insert500RowsPerSecond"), "rows/s"))
                .append(rate("PostgreSQL COPY", c.path("copyRowsPerSecond"), "rows/s"))
                .append(rate("Kafka producer, 300-byte records, acks=all", c.path("kafkaProducedPerSecond"), "records/s"))
                .append(rate("Kafka consumer, 300-byte records", c.path("kafkaConsumedPerSecond"), "records/s"));
        double commits = c.path("singleRowCommitsPerSecond").asDouble();
        double insert = c.path("insert500RowsPerSecond").asDouble();
        if (r.path("warmUp").size() > 0) { // a run of some scenarios only (--apply-only) has none
            md.append("\n## Warm-up (single reports at 200/s, 10 s windows, until indicators-service's JIT settled)\n\n")
                    .append("| window | ok /s | p99 ms | answered by status | JIT seconds in the window (per service) |\n")
                    .append("|---|---|---|---|---|\n");
            int w = 0;
            for (JsonNode window : r.path("warmUp")) {
                md.append(String.format(Locale.ROOT, "| %d | %.0f | %s | %s | %s |\n", ++w, window.path("okPerSecond").asDouble(),
                        ms(window.path("answered"), "p99Ms"), statuses(window), jit(window)));
            }
        }
        if (r.path("singles").size() > 0) { // a run of some scenarios only (--apply-only) has none
            md.append("\n## Single reports (`POST /api/v1/reports`)\n\n")
                    .append("| offered /s | beside batches of | ok /s | share of raw single-row commits | p50 ms | p99 ms "
                            + "| p99.9 ms | max ms | answered by status | waited for a connection "
                            + "| freshness p50 / p99 / max ms (reports) |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (JsonNode step : r.path("singles")) {
                JsonNode a = step.path("answered");
                JsonNode f = step.path("freshness");
                md.append(String.format(Locale.ROOT, "| %.0f | %s | %.0f | %.1f %% | %s | %s | %s | %s | %s | %d | %s / %s / %s (%d) |\n",
                        step.path("offeredPerSecond").asDouble(), beside(step.path("besideBatchReportsPerSecond"), "reports/s"),
                        step.path("okPerSecond").asDouble(),
                        100 * step.path("okPerSecond").asDouble() / commits, ms(a, "p50Ms"), ms(a, "p99Ms"), ms(a, "p99.9Ms"),
                        ms(a, "maxMs"), statuses(step), step.path("waitedInClientQueue").asLong(), ms(f, "p50Ms"), ms(f, "p99Ms"),
                        ms(f, "maxMs"), f.path("count").asLong()));
            }
            md.append("\nFreshness: from a report's 201 to the first progress document on `indicator.progress.v1` that used "
                    + "its revision; a report whose progress had not shown 2 minutes after the step counts at the age it had "
                    + "reached then.\n");
        }
        if (r.path("batches").size() > 0) { // a run of some scenarios only (--apply-only) has none
            md.append("\n## Batch ingestion (`POST /api/v1/reports/batch`, 500 rows)\n\n")
                    .append("| offered reports/s | beside single reports | for s | accepted reports/s "
                            + "| share of raw 500-row INSERT | batch p50 ms | batch p99 ms | answered by status "
                            + "| waited for a connection | freshness p50 / p99 / max ms (rows) |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (JsonNode b : r.path("batches")) {
                JsonNode f = b.path("freshness");
                md.append(String.format(Locale.ROOT, "| %.0f | %s | %.0f | %.0f | %.1f %% | %s | %s | %s | %d | %s / %s / %s (%d) |\n",
                        b.path("offeredReportsPerSecond").asDouble(), beside(b.path("besideSinglesPerSecond"), "/s"),
                        b.path("seconds").asDouble(),
                        b.path("acceptedReportsPerSecond").asDouble(), 100 * b.path("acceptedReportsPerSecond").asDouble() / insert,
                        ms(b.path("answered"), "p50Ms"), ms(b.path("answered"), "p99Ms"), statuses(b),
                        b.path("waitedInClientQueue").asLong(), ms(f, "p50Ms"), ms(f, "p99Ms"), ms(f, "maxMs"),
                        f.path("count").asLong()));
            }
            md.append("\nFreshness of a batch row: from its batch's 200 to the first progress document that used the "
                    + "revision it created (read from indicators-service's store by the row's note); the same 2-minute wait.\n");
        }
        cpu(md, r);
        if (r.path("sustainedApply").size() > 0) {
            md.append("\n## Apply (reports produced straight onto `indicator.reports.v1`, each another indicator)\n\n")
                    .append("| step | instances | reports | offered /s | produced /s | applied /s | share of raw 500-row INSERT "
                            + "| lag p50 / p99 / max ms |\n|---|---|---|---|---|---|---|---|\n");
            for (JsonNode a : r.path("sustainedApply")) {
                JsonNode lag = a.path("lag");
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %s | %s | %s / %s / %s |\n",
                        a.path("step").asText(), a.path("instances").asInt(), a.path("produced").asLong(),
                        a.path("offeredPerSecond").asDouble(), a.path("producedPerSecond").asDouble(),
                        a.path("appliedPerSecond").isNumber()
                                ? String.format(Locale.ROOT, "%.0f", a.path("appliedPerSecond").asDouble()) : "—",
                        a.path("appliedPerSecond").isNumber()
                                ? String.format(Locale.ROOT, "%.1f %%", 100 * a.path("appliedPerSecond").asDouble() / insert)
                                : "—",
                        ms(lag, "p50Ms"), ms(lag, "p99Ms"), ms(lag, "maxMs")));
            }
            md.append("\nA burst: 30 s of the goal's rate (6 % of the raw 500-row INSERT rate) produced at once; sustained: "
                    + "the goal's rate, or 90 % of the burst's applied rate where that is lower, for 5 minutes. Lag: from "
                    + "the broker's acknowledgement of a report to the first progress document that used its revision; "
                    + "applied /s: the reports whose progress was seen, over the time from the first send to the last "
                    + "one seen.\n");
        }
        if (r.has("replay")) { // a run of the starts only (--starts-only) has none
            rebuild(md, r.path("replay"), c);
        }
        if (!r.path("starts").isEmpty()) {
            md.append("\n## Starts (exec to ready, each service restarted by `./planpulse restart` beside the others: "
                    + "median, and the slowest, of the restarts)\n\n| plan | class archive | restarts |");
            Starts.SERVICES.forEach(service -> md.append(' ').append(service).append(" |"));
            md.append("\n|---|---|---|---|---|---|\n");
            r.path("starts").forEach(start -> {
                JsonNode seconds = start.path("execToReadySeconds");
                md.append(String.format(Locale.ROOT, "| %s | %s | %d |", start.path("plan").asText(),
                        start.path("classArchive").asBoolean() ? "with (warm)" : "without (cold)",
                        seconds.path(Starts.SERVICES.get(0)).size()));
                Starts.SERVICES.forEach(service -> md.append(' ').append(medianAndMax(seconds.path(service))).append(" |"));
                md.append('\n');
            });
            md.append("\nReady: `/q/health/ready` answers UP, so the service serves what it accepts (its database "
                    + "answers, it has read the plans it must know, reporting-service has settled); from the launcher's "
                    + "exec of the JVM, polled every 100 ms. The first start, at `up`, is in the footprint's table.\n");
        }
        md.append("\n## Footprint\n\n| service | resident memory, highest under load | exec to ready (at `up`) "
                + "| JIT seconds since start |\n|---|---|---|---|\n");
        fields(r.path("footprint")).forEachRemaining(e -> md.append(String.format(Locale.ROOT, "| %s | %d MB | %s s | %s |\n",
                e.getKey(), e.getValue().path("maxResidentMb").asLong(), e.getValue().path("execToReadySeconds").asText("—"),
                e.getValue().path("jitSecondsSinceStart").asText("—"))));
        if (fields(r.path("footprint")).hasNext() && r.path("footprint").elements().next().has("atEnd")) {
            md.append("\n### What the resident memory is, at the end of the run (MB)\n\n| service | resident | of it "
                    + "file-backed | heap committed | class metadata | JIT code, at its highest | threads (a count) |\n"
                    + "|---|---|---|---|---|---|---|\n");
            fields(r.path("footprint")).forEachRemaining(e -> {
                JsonNode parts = e.getValue().path("atEnd");
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |\n", e.getKey(),
                        parts.path("residentMb").asLong(), parts.path("residentFileMb").asLong(),
                        parts.path("heapCommittedMb").asLong(), parts.path("classMetadataMb").asLong(),
                        parts.path("jitCodeMb").asLong(), parts.path("threads").asLong()));
            });
            md.append("\nFrom the kernel (/proc) and the JVM's own counters (jcmd); what the JVM's parts leave of the "
                    + "resident memory is native: its malloc (symbols, the JIT's arenas, the collector's structures), "
                    + "thread stacks, direct buffers.\n");
        }
        md.append("\n## Notes\n\n");
        r.path("notes").forEach(n -> md.append("- ").append(n.asText()).append('\n'));
        return md.toString();
    }

    /** Each step's CPU, per report it stored, by part of the machine ({@link CpuUse}); nothing for records without. */
    private static void cpu(StringBuilder md, JsonNode r) {
        List<String> parts = List.of("indicators-service", "reporting-service", "targets-service", "postgres", "kafka",
                "harness", CpuUse.MACHINE);
        StringBuilder rows = new StringBuilder();
        for (JsonNode step : r.path("singles")) {
            if (step.has("cpuSeconds")) {
                rows.append(cpuRow(String.format(Locale.ROOT, "single reports at %.0f/s%s",
                        step.path("offeredPerSecond").asDouble(), step.path("besideBatchReportsPerSecond").asDouble() > 0
                                ? String.format(Locale.ROOT, ", beside batches of %.0f reports/s",
                                step.path("besideBatchReportsPerSecond").asDouble()) : ""),
                        step.path("ok").asLong(), step.path("cpuSeconds"), parts));
            }
        }
        for (JsonNode step : r.path("batches")) {
            if (step.has("cpuSeconds")) {
                rows.append(cpuRow(String.format(Locale.ROOT, "batches at %.0f reports/s",
                                step.path("offeredReportsPerSecond").asDouble()),
                        Math.round(step.path("acceptedReportsPerSecond").asDouble() * step.path("seconds").asDouble()),
                        step.path("cpuSeconds"), parts));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n## Where the CPU goes (ms of CPU per report stored, by process)\n\n| step | reports stored | ")
                .append(String.join(" | ", parts.stream().map(p -> p.equals("postgres") ? "PostgreSQL"
                        : p.equals(CpuUse.MACHINE) ? "the machine, all of it" : p).toList()))
                .append(" |\n|---|---|").append("---|".repeat(parts.size())).append('\n').append(rows)
                .append("\nFrom the kernel's counts (/proc), from the step's start until its reports' freshness was "
                        + "measured (so reporting-service's applying of them is in); a step beside batches counts both loads "
                        + "but divides by the single reports. The machine's figure is every core's busy time, what the "
                        + "named processes leave of it the rest of the machine.\n");
    }

    private static String cpuRow(String step, long reports, JsonNode seconds, List<String> parts) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", step, reports));
        for (String part : parts) {
            row.append(reports > 0 ? String.format(Locale.ROOT, " %.2f |", 1000 * seconds.path(part).asDouble() / reports)
                    : " — |");
        }
        return row.append('\n').toString();
    }

    private static void rebuild(StringBuilder md, JsonNode replay, JsonNode c) {
        boolean relayOn = replay.has("published");
        md.append(relayOn
                        ? "\n## Rebuild (a new reporting-service from both topics into an empty database, its outbox relay on)\n\n"
                        : "\n## Replay (a new reporting-service from both topics into an empty database, its outbox relay off)\n\n")
                .append("| events | took (from exec) | exec to answering | events/s | share of raw Kafka consumer "
                        + "| share of raw COPY | published |\n")
                .append("|---|---|---|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| %d | %.1f s | %.1f s | %d | %.1f %% | %.1f %% | %s |\n",
                        replay.path("events").asLong(), replay.path("seconds").asDouble(),
                        replay.path(relayOn ? "execToAnsweringSeconds" : "execToReadySeconds").asDouble(),
                        replay.path("eventsPerSecond").asLong(),
                        100 * replay.path("eventsPerSecond").asDouble() / c.path("kafkaConsumedPerSecond").asDouble(),
                        100 * replay.path("eventsPerSecond").asDouble() / c.path("copyRowsPerSecond").asDouble(),
                        relayOn ? replay.path("published").asText() : "—"));
        if (relayOn) {
            md.append("\nDone when the instance is ready (it has settled), holds as many revisions as the topic, and its "
                    + "outbox is drained; published: the events its relay published (what differed from what the "
                    + "topics held).\n");
        }
    }

    /** "median s (slowest s)" of a list of seconds; "—" for none. */
    static String medianAndMax(JsonNode seconds) {
        List<Double> sorted = new ArrayList<>();
        seconds.forEach(v -> sorted.add(v.asDouble()));
        if (sorted.isEmpty()) {
            return "—";
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "%.2f s (%.2f s)", median, sorted.get(n - 1));
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.fields();
    }

    private static String rate(String what, JsonNode rate, String unit) {
        return String.format(Locale.ROOT, "| %s | %,d %s |\n", what, rate.asLong(), unit);
    }

    private static String ms(JsonNode histogram, String field) {
        JsonNode v = histogram.path(field);
        return v.isNumber() ? String.format(Locale.ROOT, "%.1f", v.asDouble()) : "—";
    }

    /** The other load that ran during a step: its offered rate, or "alone" (no other load, or a record from before). */
    private static String beside(JsonNode rate, String unit) {
        return rate.asDouble() > 0 ? String.format(Locale.ROOT, "%.0f %s", rate.asDouble(), unit) : "alone";
    }

    private static String statuses(JsonNode run) {
        StringBuilder s = new StringBuilder();
        fields(run.path("byStatus")).forEachRemaining(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey())
                .append(": ").append(e.getValue().asLong()));
        return s.toString();
    }

    private static String jit(JsonNode run) {
        StringBuilder s = new StringBuilder();
        fields(run.path("jitSeconds")).forEachRemaining(e -> s.append(s.length() == 0 ? "" : ", ")
                .append(e.getKey().replace("-service", "")).append(' ').append(e.getValue().asText()));
        return s.toString();
    }
}
