package io.planpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code ./planpulse bench [--quick]}: calibrates the raw PostgreSQL and Kafka paths of this machine,
 * loads a province-sized plan, offers load through the public APIs, and writes the results (with the
 * ratios to the calibration) to docs/benchmarks.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path out = Path.of(arg(args, "--out", "docs/benchmarks.md"));
        Settings s = Settings.fromEnvironment(quick);
        Api api = new Api(s);
        List<String> notes = new ArrayList<>();
        try (Footprint footprint = new Footprint(System.getenv().getOrDefault("PLANPULSE_BENCH_PIDS", ""),
                s.logs())) {
            say("calibration: raw PostgreSQL and Kafka on this machine");
            Calibration.Figures raw = Calibration.run(s);
            say(String.format(Locale.ROOT, "  %.0f single-row commits/s (8 clients), %.0f rows/s by 500-row INSERT, "
                    + "%.0f rows/s by COPY, Kafka %.0f produced/s, %.0f consumed/s", raw.singleRowCommits(), raw.insert500(),
                    raw.copy(), raw.kafkaProduce(), raw.kafkaConsume()));
            say("loading the province plan: " + s.cities() + " cities x 200 indicators");
            long loadStart = System.nanoTime();
            ProvincePlan plan = Scenarios.load(s, api);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            Duration settling = Quiet.await(s, Duration.ofMinutes(15));
            Scenarios scenarios = new Scenarios(s, api, plan);
            List<Scenarios.Singles> singles = new ArrayList<>();
            List<Scenarios.Batches> batches = new ArrayList<>();
            Replay.Result replay;
            try (ProgressWatcher watcher = new ProgressWatcher(s)) {
                scenarios.singles(200, Duration.ofSeconds(quick ? 15 : 30), null); // warms the services' JIT up
                for (double rate : quick ? new double[] {250, 500, 1000} : new double[] {250, 500, 1000, 1500}) {
                    Quiet.await(s, Duration.ofMinutes(15));
                    say("single reports at " + (int) rate + "/s for " + s.step().toSeconds() + " s");
                    singles.add(scenarios.singles(rate, s.step(), rate == 1000 ? watcher : null));
                    say("  " + line(singles.get(singles.size() - 1).result()));
                }
                batches.add(batches(s, scenarios, watcher, 5000, s.step()));
                Quiet.await(s, Duration.ofMinutes(15));
                say("replay: a second reporting-service rebuilds from both topics into an empty database");
                replay = Replay.run(s);
                say(String.format(Locale.ROOT, "  %d events in %.1f s (start-up %.1f s included): %.0f events/s",
                        replay.events(), replay.seconds(), replay.startSeconds(), replay.eventsPerSecond()));
                if (!quick) { // the last scenario: what reporting-service has not applied when it ends is left to drain
                    batches.add(batches(s, scenarios, watcher, 10000, Duration.ofMinutes(5)));
                }
            }
            notes.add(String.format(Locale.ROOT, "Loading the province plan (%d plans, %d indicators) through targets-service "
                    + "until reporting-service knew the last indicator took %.0f s, and %.0f s more until both services had "
                    + "applied all of it. Every scenario starts when the services' consumer groups have no lag.",
                    s.cities(), s.cities() * 200, loadSeconds, settling.toMillis() / 1000.0));
            write(out, s, raw, singles, batches, replay, footprint, notes, args);
            say("written: " + out);
        }
    }

    private static Scenarios.Batches batches(Settings s, Scenarios scenarios, ProgressWatcher watcher, double rate,
                                             Duration duration) throws Exception {
        Quiet.await(s, Duration.ofMinutes(15));
        say("batches of 500 at " + (int) rate + " reports/s for " + duration.toSeconds() + " s");
        Scenarios.Batches b = scenarios.batches(rate, duration, watcher);
        say(String.format(Locale.ROOT, "  accepted %.0f/s, reporting lag %.1f s; %s", b.acceptedPerSecond(),
                b.lagSeconds(), line(b.batches())));
        return b;
    }

    private static void write(Path out, Settings s, Calibration.Figures raw, List<Scenarios.Singles> singles,
                              List<Scenarios.Batches> batches, Replay.Result replay, Footprint footprint,
                              List<String> notes, String[] args)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured by `./planpulse bench").append(s.quick() ? " --quick" : "").append("` on ").append(LocalDate.now())
                .append(", against the system `./planpulse up` started, everything on one machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(memoryGb())
                .append(" GB memory, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", PostgreSQL and Kafka as `up` runs them. Commit `")
                .append(System.getenv().getOrDefault("PLANPULSE_BENCH_COMMIT", "?")).append("`. The load comes from the same "
                        + "machine (it takes its share of the 2 cores). Latencies are from each request's intended start "
                        + "(open loop, corrected for coordinated omission).\n\n");
        md.append("## Calibration (the raw paths, same run)\n\n| path | rate |\n|---|---|\n");
        md.append(row("PostgreSQL single-row commits, 8 clients", raw.singleRowCommits(), "rows/s"));
        md.append(row("PostgreSQL prepared 500-row INSERT, 1 client", raw.insert500(), "rows/s"));
        md.append(row("PostgreSQL COPY", raw.copy(), "rows/s"));
        md.append(row("Kafka producer, 300-byte records, acks=all", raw.kafkaProduce(), "records/s"));
        md.append(row("Kafka consumer, 300-byte records", raw.kafkaConsume(), "records/s"));
        md.append("\n## Single reports (`POST /api/v1/reports`)\n\n")
                .append("| offered /s | achieved /s | share of raw single-row commits | p50 ms | p99 ms | p99.9 ms | max ms | "
                        + "failed | not sent |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Scenarios.Singles r : singles) {
            Histogram h = r.result().latencies();
            md.append(String.format(Locale.ROOT, "| %.0f | %.0f | %.1f %% | %s | %s | %s | %s | %d | %d |\n",
                    r.offeredPerSecond(), r.result().okPerSecond(), 100 * r.result().okPerSecond() / raw.singleRowCommits(),
                    ms(h, 50), ms(h, 99), ms(h, 99.9), ms(h.getMaxValue()), r.result().failed(), r.result().dropped()));
        }
        md.append("\n## Freshness (2xx of a single report → its progress on `indicator.progress.v1`)\n\n");
        for (Scenarios.Singles r : singles) {
            if (r.freshnessMicros() != null) {
                Histogram f = r.freshnessMicros();
                md.append(String.format(Locale.ROOT, "At %.0f reports/s offered: p50 %s ms, p99 %s ms, max %s ms "
                        + "(%d reports; a report whose progress did not show within 2 minutes counts as 120,000 ms).\n",
                        r.offeredPerSecond(), ms(f, 50), ms(f, 99), ms(f.getMaxValue()), f.getTotalCount()));
            }
        }
        md.append("\n## Batch ingestion (`POST /api/v1/reports/batch`, 500 rows)\n\n")
                .append("| offered reports/s | for | accepted reports/s | share of raw 500-row INSERT | batch p50 ms | "
                        + "batch p99 ms | failed | not sent | reporting lag s |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Scenarios.Batches b : batches) {
            Histogram h = b.batches().latencies();
            md.append(String.format(Locale.ROOT, "| %.0f | %d s | %.0f | %.1f %% | %s | %s | %d | %d | %s |\n",
                    b.offeredPerSecond(), b.batches().took().toSeconds(), b.acceptedPerSecond(),
                    100 * b.acceptedPerSecond() / raw.insert500(), ms(h, 50), ms(h, 99), b.batches().failed(),
                    b.batches().dropped(), Double.isInfinite(b.lagSeconds()) ? "> 300 (not caught up)"
                            : String.format(Locale.ROOT, "%.1f", b.lagSeconds())));
        }
        md.append("\n## Replay (a new reporting-service from both topics into an empty database)\n\n")
                .append("| events | took | events/s | share of raw Kafka consumer |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| %d | %.1f s (start-up %.1f s included) | %.0f | %.1f %% |\n",
                        replay.events(), replay.seconds(), replay.startSeconds(), replay.eventsPerSecond(),
                        100 * replay.eventsPerSecond() / raw.kafkaConsume()));
        md.append("\n## Footprint\n\n| service | resident memory, highest under load | start-up (JVM) |\n|---|---|---|\n");
        for (String service : footprint.pids().keySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %d MB | %.2f s |\n", service, footprint.maxRssMb(service),
                    footprint.startSeconds(service)));
        }
        md.append("\n## Notes\n\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append("\nCommand: `./planpulse bench").append(s.quick() ? " --quick" : "").append("`\n");
        Files.writeString(out, md + kept(out));
    }

    /** The hand-written part of the results file (from its "## Analysis" heading on), which a run keeps. */
    private static String kept(Path out) throws IOException {
        if (!Files.exists(out)) {
            return "";
        }
        String old = Files.readString(out);
        int at = old.indexOf("\n## Analysis");
        return at < 0 ? "" : old.substring(at);
    }

    private static String row(String what, double rate, String unit) {
        return String.format(Locale.ROOT, "| %s | %,.0f %s |\n", what, rate, unit);
    }

    private static String line(OpenLoop.Result r) {
        Histogram h = r.latencies();
        return String.format(Locale.ROOT, "%.0f ok/s, p50 %s ms, p99 %s ms, p99.9 %s ms, failed %d, not sent %d",
                r.okPerSecond(), ms(h, 50), ms(h, 99), ms(h, 99.9), r.failed(), r.dropped());
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "—" : ms(h.getValueAtPercentile(percentile));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
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
}
