package io.planpulse.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code ./planpulse chaos}: the long run of the suite. Every fault in several rounds under load,
 * then the checker; writes the figures to {@code docs/reliability.md} above its hand-written part
 * and exits non-zero when a promise did not hold.
 *
 * <p>Arguments: {@code --root DIR} (the repository), {@code --dir DIR} (where the run's cluster
 * lives), {@code --rounds N} (default 5), {@code --out FILE}, {@code --quick true} (the short run of the
 * tests, as the mutants get).
 */
public final class Chaos {

    private static final String KEPT = "\n## Analysis";

    private Chaos() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        Path dir = null;
        Path out = null;
        int rounds = 5;
        boolean quick = false;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--root" -> root = Path.of(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--quick" -> quick = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--root, --dir, --rounds, --out, --quick true)");
            }
        }
        root = root.toAbsolutePath().normalize();
        dir = (dir == null ? Files.createTempDirectory("planpulse-chaos-") : Files.createDirectories(dir))
                .toAbsolutePath();
        ChaosRun.Settings settings = quick ? ChaosRun.Settings.quick() : ChaosRun.Settings.full(rounds);
        ChaosRun.Result result = ChaosRun.run(root, dir, settings, System.out);
        String table = report(result, settings);
        System.out.println(table);
        if (out != null) {
            String kept = Files.exists(out) ? Files.readString(out) : "";
            int at = kept.indexOf(KEPT);
            Files.writeString(out, table + (at < 0 ? "" : kept.substring(at)));
            System.out.println("written: " + out);
        }
        System.exit(result.verdict().problems().isEmpty() ? 0 : 1);
    }

    /** The figures of a run as markdown. */
    static String report(ChaosRun.Result r, ChaosRun.Settings s) {
        int rounds = s.rounds();
        StringBuilder md = new StringBuilder();
        md.append("# Reliability\n\n");
        md.append("`./planpulse chaos --rounds ").append(rounds).append("` on ").append(LocalDate.now())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(": ").append(s.clients())
                .append(" department clients, each sending a report every ").append(s.pause().toMillis())
                .append(" ms (plus its answer time; one submission in ten a batch of up to 10 rows, as JSON or CSV, ")
                .append("one batch in four atomic), for ").append(r.loadFor().toSeconds())
                .append(" s. indicators-service's capacity was measured (").append(String.format(Locale.ROOT,
                        "%.0f", r.capacity())).append(" requests answered a second) and half of it offered open loop ")
                .append("(each request at its own time, none retried) while every fault was injected ")
                .append(rounds == 1 ? "once" : rounds + " times").append(", ").append(s.steady().toSeconds())
                .append(" s of steady load between faults; then the overload below; last, a second instance of each ")
                .append("service, and each first instance stopped and restarted beside it (the last rows, without ")
                .append("the open-loop load).\n\n");
        var v = r.verdict();
        md.append("## What the checker proved\n\n| figure | |\n|---|---|\n");
        row(md, "reports (each batch row one)", v.requests());
        row(md, "sent single / in JSON batches / in CSV batches (acknowledged)", via(v, Departments.Via.SINGLE)
                + " / " + via(v, Departments.Via.JSON_BATCH) + " / " + via(v, Departments.Via.CSV_BATCH));
        row(md, "acknowledged", v.acknowledged());
        row(md, "refused (meant to be)", v.refused());
        row(md, "shed under load (429/503, not retried; none may be stored)", v.shed());
        row(md, "unknown at the end (stored: " + v.unknownStored() + ")", v.unknown());
        row(md, "HTTP attempts (retried after no answer, 5xx, 409, 429)", v.attempts() + " (" + v.retried() + ")");
        row(md, "plan changes acknowledged (a planner moving a target meanwhile)", v.planChanges());
        row(md, "faults injected", r.impacts().size());
        row(md, "connections reset by the proxies", r.proxyResets());
        row(md, "revisions stored / on indicator.reports.v1 (delivered more than once)",
                v.storedRevisions() + " / " + v.onTopic() + " (" + v.topicDuplicates() + ")");
        row(md, "progress documents equal to a recomputation from both topics", v.comparedProgress());
        for (String topic : Downstream.TOPICS) {
            row(md, "events on " + topic + " (the same version delivered again, same content)",
                    v.downstream().events().getOrDefault(topic, 0L) + " ("
                            + v.downstream().redelivered().getOrDefault(topic, 0L) + ")");
        }
        row(md, "report attempts answered, by status (0: no answer)", statuses(v.reportStatuses()));
        row(md, "plan changes answered, by status", statuses(v.planStatuses()));
        row(md, "**lost**", v.lost());
        row(md, "**duplicated**", v.duplicated());
        row(md, "other problems", v.problems().size() - v.lost() - v.duplicated());
        md.append("\n## What each fault did\n\n")
                .append("To the department clients (closed loop, retrying):\n\n")
                .append("| fault | until healed | reports sent meanwhile | their p99 | their max "
                        + "| longest stretch without an acknowledgement | acknowledged in its first "
                        + ChaosRun.RIGHT_AFTER.toSeconds() + " s | failed attempts: not reached / cut / "
                        + "timed out / answered (by status and code) |\n|---|---|---|---|---|---|---|---|\n");
        for (ChaosRun.Impact i : r.impacts()) {
            md.append("| ").append(i.fault().name()).append(" | ").append(seconds(i.took())).append(" | ")
                    .append(i.requests()).append(" | ").append(seconds(i.p99())).append(" | ")
                    .append(seconds(i.max())).append(" | ").append(seconds(i.ackGap())).append(" | ")
                    .append(i.acknowledgedRightAfter()).append(" | ")
                    .append(i.failed(Departments.Failure.NOT_REACHED)).append(" / ")
                    .append(i.failed(Departments.Failure.CUT)).append(" / ")
                    .append(i.failed(Departments.Failure.TIMED_OUT)).append(" / ")
                    .append(answered(i)).append(" |\n");
        }
        md.append("\nTo the load offered open loop (").append(String.format(Locale.ROOT, "%.0f",
                        ChaosRun.FAULT_LOAD * r.capacity()))
                .append(" requests a second, none retried), from each fault's injection until ")
                .append(ChaosRun.AFTERMATH.toSeconds()).append(" s after it healed; answer times count from when ")
                .append("each request was meant to be sent:\n\n")
                .append("| fault | offered | acknowledged | refused as meant | shed (429/503) | no answer or 5xx "
                        + "| answered: p99 | answered: max |\n|---|---|---|---|---|---|---|---|\n");
        for (ChaosRun.Impact i : r.impacts()) {
            if (i.offered().requests() == 0) {
                continue;
            }
            ChaosRun.Offered o = i.offered();
            md.append("| ").append(i.fault().name()).append(" | ").append(o.requests()).append(" | ")
                    .append(o.acknowledged()).append(" | ").append(o.refused()).append(" | ").append(o.shed())
                    .append(" | ").append(o.unknown()).append(" | ").append(seconds(o.answeredP99())).append(" | ")
                    .append(seconds(o.answeredMax())).append(" |\n");
        }
        Overload.Result o = r.overload();
        md.append("\n## Overload\n\n")
                .append("indicators-service's capacity was measured by 32 clients sending back to back for ")
                .append(s.measure().toSeconds()).append(" s (alongside the department clients); then twice that was ")
                .append("offered open loop (each request at its own time, none retried) for ")
                .append(s.overload().toSeconds()).append(" s, while the department clients went on.\n\n")
                .append("| figure | |\n|---|---|\n");
        row(md, "capacity measured (requests answered a second)", String.format(Locale.ROOT, "%.0f", o.capacity()));
        row(md, "offered (requests a second) / for", String.format(Locale.ROOT, "%.0f / %s", o.offered(),
                seconds(o.took())));
        row(md, "offered requests sent / not sent (the generator's own limit)", o.sent() + " / " + o.notSent());
        row(md, "acknowledged / refused as meant", o.acknowledged() + " / " + o.refused());
        row(md, "shed: 503 OVERLOADED / 429 RATE_LIMITED (all with Retry-After, none stored)",
                o.overloaded() + " / " + o.rateLimited());
        row(md, "no answer or another error", o.unknown());
        row(md, "answer time of the served: p50 / p99", seconds(o.answeredP50()) + " / " + seconds(o.answeredP99()));
        row(md, "answer time of the shed: p50 / p99", seconds(o.shedP50()) + " / " + seconds(o.shedP99()));
        row(md, "indicators-service resident memory: before / peak / 5 s after", mib(o.residentBeforeKib()) + " / "
                + mib(o.residentPeakKib()) + " / " + mib(o.residentAfterKib()));
        row(md, "first acknowledgement of a department client's new request after the load dropped",
                o.recovery() == null ? "none" : seconds(o.recovery()));
        if (!v.problems().isEmpty()) {
            md.append("\n## Problems\n\n");
            v.problems().forEach(p -> md.append("- ").append(p.replace("\n", " ")).append('\n'));
        }
        return md.toString();
    }

    /** The failed attempts the service answered, by status and code ({@code 503 OVERLOADED: 3, 503 UNAVAILABLE: 1}). */
    private static String answered(ChaosRun.Impact impact) {
        java.util.Map<String, Long> byAnswer = new java.util.TreeMap<>();
        impact.failures().stream().filter(f -> f.status() != Departments.NO_ANSWER)
                .forEach(f -> byAnswer.merge(f.detail().replaceFirst("^HTTP ", "").strip(), 1L, Long::sum));
        StringBuilder s = new StringBuilder();
        byAnswer.forEach((answer, count) -> s.append(s.length() == 0 ? "" : ", ").append(answer).append(": ").append(count));
        return s.length() == 0 ? "0" : s.toString();
    }

    private static String via(Checker.Verdict v, Departments.Via via) {
        return v.sentVia().getOrDefault(via, 0L) + " (" + v.acknowledgedVia().getOrDefault(via, 0L) + ")";
    }

    private static String statuses(java.util.Map<Integer, Long> byStatus) {
        StringBuilder s = new StringBuilder();
        byStatus.forEach((status, count) -> s.append(s.length() == 0 ? "" : ", ").append(status).append(": ").append(count));
        return s.length() == 0 ? "none" : s.toString();
    }

    private static void row(StringBuilder md, String figure, Object value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private static String mib(long kib) {
        return (kib / 1024) + " MB";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
