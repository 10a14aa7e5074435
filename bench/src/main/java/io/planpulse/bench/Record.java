package io.planpulse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The raw results of one run, as written to docs/bench-runs/: the commit, the machine, what the
 * figures stand on, the calibration, and every scenario with its counts by status, its percentiles
 * and its whole latency histograms (HdrHistogram's compressed form, base64), so that a figure quoted
 * anywhere can be traced to, and recomputed from, the run that produced it.
 */
final class Record {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final ObjectNode root = Bench.object();
    private final String commit;

    Record(Settings s, List<String> args) {
        commit = System.getenv().getOrDefault("PLANPULSE_BENCH_COMMIT", "unknown");
        root.put("commit", commit);
        root.put("started", LocalDateTime.now().withNano(0).toString());
        root.put("command", String.join(" ", Stream.concat(Stream.of("./planpulse bench"),
                args.stream().filter(a -> a.startsWith("--") && !a.equals("--out"))).toList()));
        root.put("quick", s.quick());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGb", memoryGb());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("harnessJvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("serviceJavaOptions", String.join(" ", s.serviceJavaOptions()));
        machine.put("loadGenerator", "this harness, on the same machine: java.net.http.HttpClient, HTTP/1.1, at most "
                + Scenarios.CONNECTIONS + " requests under way");
        root.putArray("warmUp");
        root.putArray("singles");
        root.putArray("batches");
        root.putArray("sustainedApply");
        root.putArray("starts");
        root.putArray("notes");
    }

    void frozen(Map<String, String> settings, String calibrationMethod) {
        ObjectNode frozen = root.putObject("frozen");
        settings.forEach(frozen::put);
        frozen.put("calibrationMethod", calibrationMethod);
    }

    void calibration(Calibration.Figures raw) {
        ObjectNode c = root.putObject("calibration");
        c.put("singleRowCommitsPerSecond", Math.round(raw.singleRowCommits()));
        c.put("insert500RowsPerSecond", Math.round(raw.insert500()));
        c.put("copyRowsPerSecond", Math.round(raw.copy()));
        c.put("kafkaProducedPerSecond", Math.round(raw.kafkaProduce()));
        c.put("kafkaConsumedPerSecond", Math.round(raw.kafkaConsume()));
    }

    void warmUp(Scenarios.Singles window, Map<String, Double> jitSeconds) {
        ((ArrayNode) root.get("warmUp")).add(step(window, jitSeconds));
    }

    /** A step of single reports, beside batches of this many reports/s (0: alone). */
    /** {@code cpuSeconds}: what each part of the machine used during the step ({@link CpuUse}), with the batches beside it. */
    void singles(Scenarios.Singles step, Map<String, Double> jitSeconds, double besideBatchReportsPerSecond,
                 Map<String, Double> cpuSeconds) {
        ObjectNode n = step(step, jitSeconds).put("besideBatchReportsPerSecond", besideBatchReportsPerSecond);
        cpu(n, cpuSeconds);
        ((ArrayNode) root.get("singles")).add(n);
    }

    /** A step of batches, beside this many single reports/s (0: alone). */
    /** {@code cpuSeconds}: as for {@link #singles}; empty for batches beside singles (the singles' step has it). */
    void batches(Scenarios.Batches b, double besideSinglesPerSecond, Map<String, Double> cpuSeconds) {
        ObjectNode n = load(b.batches());
        cpu(n, cpuSeconds);
        n.put("besideSinglesPerSecond", besideSinglesPerSecond);
        n.put("offeredReportsPerSecond", b.offeredPerSecond());
        n.put("rowsPerBatch", 500);
        n.put("acceptedReportsPerSecond", round(b.acceptedPerSecond()));
        n.set("freshness", histogram(b.freshnessMicros()));
        ((ArrayNode) root.get("batches")).add(n);
    }

    void apply(String step, int instances, DirectFeed.Result r) {
        ObjectNode n = Bench.object();
        n.put("step", step);
        n.put("instances", instances);
        n.put("offeredPerSecond", r.offeredPerSecond());
        n.put("seconds", round(r.took().toMillis() / 1000.0));
        n.put("produced", r.produced());
        n.put("producedPerSecond", round(r.producedPerSecond()));
        n.put("appliedPerSecond", Double.isNaN(r.appliedPerSecond()) ? null : round(r.appliedPerSecond()));
        n.set("lag", histogram(r.lagMicros()));
        ((ArrayNode) root.get("sustainedApply")).add(n);
    }

    void replay(Replay.Result r) {
        ObjectNode n = root.putObject("replay");
        n.put("events", r.events());
        n.put("seconds", round(r.seconds()));
        n.put("execToAnsweringSeconds", round(r.startSeconds()));
        n.put("eventsPerSecond", Math.round(r.eventsPerSecond()));
        n.put("published", r.published());
        n.put("outboxRelay", "on (a rebuild publishes only what differs from what the topics hold)");
        n.put("doneWhen", "ready, as many revisions as the topic holds, outbox drained");
    }

    /**
     * {@code times} restarts of each service ({@link Starts}): with which plan loaded, with or without
     * the class archive, each restart's seconds from exec to ready.
     */
    void starts(String plan, boolean archive, Map<String, List<Double>> seconds) {
        ObjectNode n = ((ArrayNode) root.get("starts")).addObject();
        n.put("plan", plan);
        n.put("classArchive", archive);
        ObjectNode each = n.putObject("execToReadySeconds");
        seconds.forEach((service, list) -> list.forEach(((ArrayNode) each.withArray(service))::add));
    }

    /** {@code atUp}: each service's seconds from exec to ready at {@code up}, read before any restart. */
    void footprint(Footprint footprint, Map<String, Double> atUp) {
        ObjectNode n = root.putObject("footprint");
        for (String service : footprint.services()) {
            ObjectNode f = n.putObject(service);
            f.put("maxResidentMb", footprint.maxRssMb(service));
            double ready = atUp.getOrDefault(service, Double.NaN);
            f.put("execToReadySeconds", Double.isNaN(ready) ? null : ready);
            double jit = footprint.jitSeconds(service);
            f.put("jitSecondsSinceStart", Double.isNaN(jit) ? null : round(jit));
            footprint.composition(service).forEach(f.putObject("atEnd")::put);
        }
    }

    void note(String text) {
        ((ArrayNode) root.get("notes")).add(text);
    }

    /** Writes the record under {@code dir}; its path. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        root.put("ended", LocalDateTime.now().withNano(0).toString());
        Path file = dir.resolve(Bench.recordName(LocalDateTime.now(), commit));
        Files.writeString(file, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        return file;
    }

    ObjectNode root() {
        return root;
    }

    private static void cpu(ObjectNode step, Map<String, Double> cpuSeconds) {
        if (!cpuSeconds.isEmpty()) {
            ObjectNode cpu = step.putObject("cpuSeconds");
            cpuSeconds.forEach((part, seconds) -> cpu.put(part, round(seconds)));
        }
    }

    private static ObjectNode step(Scenarios.Singles step, Map<String, Double> jitSeconds) {
        ObjectNode n = load(step.result());
        n.put("offeredPerSecond", step.offeredPerSecond());
        n.set("freshness", histogram(step.freshnessMicros()));
        ObjectNode jit = n.putObject("jitSeconds");
        jitSeconds.forEach((service, seconds) -> jit.put(service, Double.isNaN(seconds) ? null : round(seconds)));
        return n;
    }

    /** An open-loop run: its counts by status and the latencies of the 2xx and of the rest. */
    static ObjectNode load(OpenLoop.Result r) {
        ObjectNode n = Bench.object();
        n.put("seconds", round(r.took().toMillis() / 1000.0));
        n.put("offered", r.offered());
        n.put("ok", r.ok());
        n.put("okPerSecond", round(r.okPerSecond()));
        n.put("waitedInClientQueue", r.queued());
        ObjectNode statuses = n.putObject("byStatus");
        r.byStatus().forEach((status, count) -> statuses.put(status == OpenLoop.NO_ANSWER ? "no answer"
                : Integer.toString(status), count));
        n.set("answered", histogram(r.answered()));
        n.set("failed", histogram(r.failed()));
        return n;
    }

    /** Percentiles in milliseconds, and the whole histogram (microseconds) for whoever wants another figure. */
    static ObjectNode histogram(Histogram h) {
        ObjectNode n = Bench.object();
        n.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            for (double p : PERCENTILES) {
                n.put(String.format(Locale.ROOT, "p%sMs", p == Math.floor(p) ? Integer.toString((int) p)
                        : Double.toString(p)), h.getValueAtPercentile(p) / 1000.0);
            }
            n.put("maxMs", h.getMaxValue() / 1000.0);
        }
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        n.put("hdrMicrosBase64", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        return n;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static long memoryGb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
