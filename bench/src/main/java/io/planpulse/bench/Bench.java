package io.planpulse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.HdrHistogram.Histogram;

/**
 * {@code ./planpulse bench [--quick]}: checks what the figures stand on, calibrates the raw
 * PostgreSQL and Kafka paths of this machine, restarts each service warm and cold ({@link Starts}),
 * loads a province-sized plan, restarts them again, warms the services up
 * until their JIT has settled, offers load through the public APIs, and records the run's raw
 * results as a file of their own (docs/bench-runs/); docs/benchmarks.md is then written from that
 * record ({@link Report}), never from anything else.
 */
public final class Bench {

    /** The sustained-apply goal, as a share of the raw prepared 500-row INSERT rate. */
    static final double SUSTAINED_APPLY_SHARE = 0.06;
    /** A burst is produced as fast as this: at once, next to what reporting-service applies. */
    private static final double BURST_RATE = 200_000;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean applyOnly = List.of(args).contains("--apply-only");
        boolean rebuildOnly = List.of(args).contains("--rebuild-only");
        boolean startsOnly = List.of(args).contains("--starts-only");
        boolean reportOnly = List.of(args).contains("--report-only");
        Settings s = Settings.fromEnvironment(quick);
        Path out = Optional.ofNullable(arg(args, "--out", null)).map(Path::of)
                .orElse(s.root().resolve("docs/benchmarks.md"));
        Api api = new Api(s);
        Record run = new Record(s, List.of(args));
        Exception stopped = null;
        Map<String, Double> atUp = new LinkedHashMap<>(); // before any restart writes its own
        Starts.SERVICES.forEach(service -> atUp.put(service, Footprint.readySeconds(s.run(), service)));
        try (Footprint footprint = new Footprint(s.run())) {
            Map<String, String> frozen = Frozen.check(s);
            run.frozen(frozen, Frozen.calibrationMethod());
            say("frozen: " + frozen);
            say("calibration: raw PostgreSQL and Kafka on this machine");
            Calibration.Figures raw = Calibration.run(s);
            run.calibration(raw);
            say(String.format(Locale.ROOT, "  %.0f single-row commits/s (8 clients), %.0f rows/s by 500-row INSERT, "
                    + "%.0f rows/s by COPY, Kafka %.0f produced/s, %.0f consumed/s", raw.singleRowCommits(), raw.insert500(),
                    raw.copy(), raw.kafkaProduce(), raw.kafkaConsume()));
            try {
                if (reportOnly) { // the evaluation report of one plan the size of the province
                    report(s, api, run);
                } else if (startsOnly) { // what restarts cost, on whatever the system holds: a loop for work on starts alone
                    starts(s, run, footprint, "as found", true);
                } else if (rebuildOnly) { // what the topics hold already: a loop for work on the rebuild alone
                    rebuild(s, run);
                } else if (applyOnly) {
                    sustainedApply(s, api, raw, run);
                    rebuild(s, run);
                } else {
                    everyScenario(s, api, raw, run, footprint);
                }
            } catch (Exception e) {
                // A step that fails late (the services never catching up, say) must not take the hour of
                // figures before it along: they are recorded, marked as a run that stopped, and the run
                // still fails.
                stopped = e;
                run.note("The run stopped early, at a step that failed (" + e + "); the figures are those of the "
                        + "steps before it.");
                say("stopped: " + e);
            }
            run.footprint(footprint, atUp);
        }
        finish(run, s, out);
        if (stopped != null) {
            throw stopped;
        }
    }

    /** The province plan, the warm-up, single reports, batches, the sustained apply and the replay. */
    private static void everyScenario(Settings s, Api api, Calibration.Figures raw, Record run, Footprint footprint)
            throws Exception {
        boolean quick = s.quick();
        starts(s, run, footprint, "shipped", true);
        say("loading the province plan: " + s.cities() + " cities x 200 indicators");
        long loadStart = System.nanoTime();
        ProvincePlan plan = Scenarios.load(s, api, 'C');
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        Duration settling = Quiet.await(s, Duration.ofMinutes(15));
        run.note(String.format(Locale.ROOT, "Loading the province plan (%d plans, %d indicators) through "
                + "targets-service until reporting-service knew the last indicator took %.0f s, and %.0f s more until "
                + "both services had applied all of it. Every scenario starts when the services' consumer groups have "
                + "no lag.", s.cities(), s.cities() * 200, loadSeconds, settling.toMillis() / 1000.0));
        starts(s, run, footprint, s.cities() * 200 + " indicators", false);
        Quiet.await(s, Duration.ofMinutes(15));
        Scenarios scenarios = new Scenarios(s, api, plan);
        try (ProgressWatcher watcher = new ProgressWatcher(s)) {
            warmUp(s, scenarios, watcher, footprint, run);
            for (double rate : quick ? new double[] {250, 500, 1000} : new double[] {250, 500, 1000, 1500}) {
                Quiet.await(s, Duration.ofMinutes(15));
                say("single reports at " + (int) rate + "/s for " + s.step().toSeconds() + " s");
                Map<String, Double> jit = jit(footprint);
                Map<String, Double> cpu = CpuUse.now(s.run());
                Scenarios.Singles singles = scenarios.singles(rate, s.step(), watcher);
                run.singles(singles, since(jit, footprint), 0, CpuUse.since(cpu, s.run()));
                say("  " + line(singles.result()) + ", freshness p99 " + ms(singles.freshnessMicros(), 99) + " ms");
            }
            batches(s, scenarios, watcher, 5000, s.step(), run);
            singlesBesideBatches(s, scenarios, watcher, 1000, 2500, s.step(), run, footprint);
            if (!quick) {
                batches(s, scenarios, watcher, 10000, Duration.ofMinutes(5), run);
            }
        }
        sustainedApply(s, api, raw, run);
        rebuild(s, run);
    }

    /**
     * Each service restarted {@code 5} times (2 in a quick run) with its class archive (warm), and, when
     * {@code cold}, as many times without it; each with everything else running and the plan
     * {@code plan} loaded.
     */
    private static void starts(Settings s, Record run, Footprint footprint, String plan, boolean cold) throws Exception {
        int times = s.quick() ? 2 : 5;
        for (boolean archive : cold ? new boolean[] {false, true} : new boolean[] {true}) {
            say("starts: each service restarted " + times + " times " + (archive ? "with" : "without")
                    + " its class archive, plan: " + plan);
            Map<String, List<Double>> seconds = footprint.pausedFor(() -> Starts.measure(s, archive, times));
            run.starts(plan, archive, seconds);
            say("  exec to ready, s: " + seconds);
        }
    }

    private static void rebuild(Settings s, Record run) throws Exception {
        Quiet.await(s, Duration.ofMinutes(30));
        say("rebuild: a second reporting-service rebuilds from both topics into an empty database");
        Replay.Result replay = Replay.run(s);
        run.replay(replay);
        say(String.format(Locale.ROOT, "  %d events in %.1f s (exec to answering %.1f s included): %.0f events/s, "
                + "published %d", replay.events(), replay.seconds(), replay.startSeconds(), replay.eventsPerSecond(),
                replay.published()));
    }

    /** The evaluation report of a plan of {@link ReportScale#INDICATORS} indicators, PDF then DOCX. */
    private static void report(Settings s, Api api, Record run) throws Exception {
        say("the evaluation report of one plan of " + ReportScale.INDICATORS + " indicators (produced onto the topics)");
        ReportScale.Result r = ReportScale.run(s, api);
        for (ReportScale.Written w : r.reports()) {
            String line = String.format(Locale.ROOT, "The evaluation report of one plan of %d indicators as %s: %.1f s to "
                    + "arrive whole, %.1f MB%s.", r.indicators(), w.format().toUpperCase(Locale.ROOT), w.seconds(),
                    w.bytes() / 1e6, w.pages() == null ? "" : ", " + w.pages() + " pages");
            run.note(line);
            say("  " + line);
        }
        String memory = String.format(Locale.ROOT, "reporting-service's resident memory while it wrote them: %d MB before, "
                + "%d MB at its peak (sampled every 100 ms; its heap is capped at the launcher's -Xmx).",
                r.residentBeforeMb(), r.residentPeakMb());
        run.note(memory);
        say("  " + memory);
    }

    private static void finish(Record run, Settings s, Path out) throws Exception {
        Path recorded = run.write(s.root().resolve("docs/bench-runs"));
        say("recorded: " + recorded);
        Report.write(recorded, out);
        say("written: " + out);
    }

    /**
     * Reports produced straight onto indicator.reports.v1 ({@link DirectFeed}), on the apply set of
     * plans (loaded first): how fast one instance applies a burst (30 s of the goal's rate, 6 % of the
     * raw 500-row INSERT rate of this run, produced at once); then 5 minutes (30 s in a quick run) at
     * the goal's rate, or at 90 % of that capacity where it is lower (a rate it cannot sustain would
     * only measure a growing backlog); then the same burst with a second instance in the group.
     */
    private static void sustainedApply(Settings s, Api api, Calibration.Figures raw, Record run) throws Exception {
        say("loading the apply set: " + s.cities() + " cities x 200 indicators, reported only straight onto the topic");
        ProvincePlan plan = Scenarios.load(s, api, 'A');
        double goal = Math.round(SUSTAINED_APPLY_SHARE * raw.insert500());
        long burst = Math.round(goal * 30);
        Duration patience = Duration.ofMinutes(15);
        Quiet.await(s, patience);
        say("a burst of " + burst + " reports straight onto indicator.reports.v1, one instance");
        DirectFeed.Result one = DirectFeed.run(s, plan, BURST_RATE, burst, patience);
        run.apply("burst", 1, one);
        say("  " + applied(one));
        double rate = Math.min(goal, Math.floor(0.9 * one.appliedPerSecond()));
        Duration duration = s.quick() ? Duration.ofSeconds(30) : Duration.ofMinutes(5);
        Quiet.await(s, patience);
        say("reports straight onto indicator.reports.v1 at " + (int) rate + "/s for " + duration.toSeconds() + " s");
        DirectFeed.Result sustained = DirectFeed.run(s, plan, rate, Math.round(rate * duration.toSeconds()),
                Scenarios.FRESHNESS_WAIT);
        run.apply("sustained", 1, sustained);
        say("  " + applied(sustained));
        Quiet.await(s, patience);
        say("a second reporting-service in the same group; the same burst");
        try (ReportingInstance second = ReportingInstance.start(s, "reporting", "reporting-service", "reporting-second.log")) {
            second.await("/q/health/ready", Duration.ofMinutes(5));
            Thread.sleep(10_000); // the group's rebalance, which the new member's joining starts
            DirectFeed.Result two = DirectFeed.run(s, plan, BURST_RATE, burst, patience);
            run.apply("burst", 2, two);
            say("  " + applied(two));
        }
    }

    private static String applied(DirectFeed.Result r) {
        return String.format(Locale.ROOT, "produced %.0f/s, applied %.0f/s, lag p50 %s ms, p99 %s ms, max %s ms",
                r.producedPerSecond(), r.appliedPerSecond(), ms(r.lagMicros(), 50), ms(r.lagMicros(), 99),
                ms(r.lagMicros(), 100));
    }

    /**
     * Single reports at 200/s in windows of 10 s until the services' JIT has settled: a window in
     * which indicators-service's compilers worked less than 5 % of it and 99 % of the requests were answered 2xx.
     * On two cores a fresh service compiles for minutes, and a compiling JVM sheds load its warm
     * self serves; measuring before that measures the compiler.
     */
    private static void warmUp(Settings s, Scenarios scenarios, ProgressWatcher watcher, Footprint footprint, Record run)
            throws Exception {
        Duration window = Duration.ofSeconds(10);
        long deadline = System.nanoTime() + (s.quick() ? Duration.ofMinutes(4) : Duration.ofMinutes(8)).toNanos();
        while (true) {
            Map<String, Double> before = jit(footprint);
            Scenarios.Singles w = scenarios.singles(200, window, watcher);
            Map<String, Double> used = since(before, footprint);
            run.warmUp(w, used);
            double jitShare = used.getOrDefault("indicators-service", Double.NaN) / window.toSeconds();
            boolean answered = w.result().failedCount() * 100 <= w.result().offered();
            boolean settled = answered && jitShare < 0.05;
            say(String.format(Locale.ROOT, "warm-up: %s; indicators-service's JIT %.0f %% of the window%s",
                    line(w.result()), 100 * jitShare, settled ? ": settled" : ""));
            if (settled || Double.isNaN(jitShare) && answered) {
                return;
            }
            if (System.nanoTime() > deadline) {
                run.note("The warm-up ended at its time limit before the JIT had settled (see warmUp in the record).");
                return;
            }
            Quiet.await(s, Duration.ofMinutes(15));
        }
    }

    private static void batches(Settings s, Scenarios scenarios, ProgressWatcher watcher, double rate,
                                Duration duration, Record run) throws Exception {
        Quiet.await(s, Duration.ofMinutes(15));
        say("batches of 500 at " + (int) rate + " reports/s for " + duration.toSeconds() + " s");
        Map<String, Double> cpu = CpuUse.now(s.run());
        Scenarios.Batches b = scenarios.batches(rate, duration, watcher);
        run.batches(b, 0, CpuUse.since(cpu, s.run()));
        say(String.format(Locale.ROOT, "  accepted %.0f/s, freshness p99 %s ms; %s", b.acceptedPerSecond(),
                ms(b.freshnessMicros(), 99), line(b.batches())));
    }

    /**
     * Single reports while batches arrive at the same time: how fresh a single report's progress
     * stays when a department's bulk upload shares the pipeline with it. Both loads run open loop
     * side by side for the same step; each is recorded with the other's rate. The batches come at half
     * the first batch step's rate, which one reporting-service instance applies as it comes: beside a
     * rate it cannot apply, every report waits behind the backlog and the step measures only that.
     */
    private static void singlesBesideBatches(Settings s, Scenarios scenarios, ProgressWatcher watcher, double singlesRate,
            double batchRate, Duration duration, Record run, Footprint footprint) throws Exception {
        Quiet.await(s, Duration.ofMinutes(15));
        say("single reports at " + (int) singlesRate + "/s beside batches of 500 at " + (int) batchRate
                + " reports/s for " + duration.toSeconds() + " s");
        Map<String, Double> jit = jit(footprint);
        Map<String, Double> cpu = CpuUse.now(s.run());
        CompletableFuture<Scenarios.Batches> batches = CompletableFuture.supplyAsync(() -> {
            try {
                return scenarios.batches(batchRate, duration, watcher);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Scenarios.Singles singles = scenarios.singles(singlesRate, duration, watcher);
        Scenarios.Batches b = batches.join();
        run.singles(singles, since(jit, footprint), batchRate, CpuUse.since(cpu, s.run()));
        run.batches(b, singlesRate, Map.of());
        say("  singles: " + line(singles.result()) + ", freshness p99 " + ms(singles.freshnessMicros(), 99) + " ms");
        say(String.format(Locale.ROOT, "  batches: accepted %.0f/s, freshness p99 %s ms", b.acceptedPerSecond(),
                ms(b.freshnessMicros(), 99)));
    }

    private static Map<String, Double> jit(Footprint footprint) {
        Map<String, Double> seconds = new java.util.TreeMap<>();
        footprint.services().forEach(service -> seconds.put(service, footprint.jitSeconds(service)));
        return seconds;
    }

    private static Map<String, Double> since(Map<String, Double> before, Footprint footprint) {
        Map<String, Double> now = jit(footprint);
        now.replaceAll((service, t) -> t - before.getOrDefault(service, Double.NaN));
        return now;
    }

    static String line(OpenLoop.Result r) {
        return String.format(Locale.ROOT, "%.0f ok/s, p50 %s ms, p99 %s ms, p99.9 %s ms, answered by status %s, "
                + "waited in the client's queue %d", r.okPerSecond(), ms(r.answered(), 50), ms(r.answered(), 99),
                ms(r.answered(), 99.9), r.byStatus(), r.queued());
    }

    static String ms(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? "—"
                : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String arg(String[] args, String name, String otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** The file name of a run's record: when, and at which commit. */
    static String recordName(LocalDateTime at, String commit) {
        return at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT)) + "-" + commit + ".json";
    }

    static ObjectNode object() {
        return Api.JSON.createObjectNode();
    }

    static ArrayNode array() {
        return Api.JSON.createArrayNode();
    }
}
