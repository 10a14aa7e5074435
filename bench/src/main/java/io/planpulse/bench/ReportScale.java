package io.planpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The evaluation report of one plan of {@link #INDICATORS} indicators (the province's count in a
 * single plan), written by reporting-service in both formats, timed, with the service's resident
 * memory sampled meanwhile.
 *
 * <p>No plan that large passes targets-service's plan API (its body limit is 2 MB, a tenth of such a
 * document), so the plan and its indicators are produced straight onto plan.targets.v1 as
 * targets-service publishes them, and one value of each indicator onto indicator.reports.v1 as
 * indicators-service does: what reporting-service reads is what it would read of such a plan.
 */
final class ReportScale {

    static final int INDICATORS = 20_000;
    /** Indicators per node of the plan's tree: a task with its indicators, as a chapter of the report. */
    private static final int PER_NODE = 200;
    private static final String PLAN = "prov-report";

    /** A report written: its format, how long it took to arrive whole, its size and pages. */
    record Written(String format, double seconds, long bytes, Integer pages) {
    }

    /** The run: the reports, and reporting-service's resident memory before and at its peak while they were written. */
    record Result(int indicators, List<Written> reports, long residentPeakMb, long residentBeforeMb) {
    }

    private ReportScale() {
    }

    static Result run(Settings s, Api api) throws Exception {
        ProvincePlan copies = new ProvincePlan(api.get(s.targets(), "/api/v1/plans/fyp14"), 'R', 1, INDICATORS);
        ObjectNode plan = copies.plans.get(0);
        List<ProvincePlan.Target> targets = shortIds(plan, copies.targets);
        feed(s, plan, targets);
        String last = targets.get(targets.size() - 1).indicatorId();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (api.status(s.reporting(), "/api/v1/progress/indicators/" + last) != 200
                || !api.get(s.reporting(), "/api/v1/progress/indicators/" + last).path("period").isTextual()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reporting-service did not apply the report plan within 10 minutes");
            }
            Thread.sleep(1000);
        }
        Quiet.await(s, Duration.ofMinutes(15));
        long pid = Footprint.recordedPid(s.run(), "reporting-service");
        long before = Footprint.rssKb(pid) / 1024;
        AtomicLong peakKb = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakKb.accumulateAndGet(Footprint.rssKb(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "report-rss");
        sampler.setDaemon(true);
        sampler.start();
        List<Written> written = new ArrayList<>();
        try {
            Path dir = Files.createDirectories(s.root().resolve(".planpulse/bench-reports"));
            for (String format : List.of("pdf", "docx")) {
                Path file = dir.resolve(PLAN + "." + format);
                long start = System.nanoTime();
                api.download(s.reporting(), "/api/v1/evaluations/" + PLAN + "?format=" + format, file);
                double seconds = (System.nanoTime() - start) / 1e9;
                written.add(new Written(format, seconds, Files.size(file), format.equals("pdf") ? pages(file) : null));
            }
        } finally {
            sampler.interrupt();
        }
        return new Result(INDICATORS, written, peakKb.get() / 1024, before);
    }

    /**
     * The copies renamed R00000, R00001, …: the plan's event lists every id twice (its tree and its
     * list), and with the province's longer names 20,000 of them would not fit one record (Kafka's
     * 1 MB); the references between copies (benchmark, subject) follow.
     */
    private static List<ProvincePlan.Target> shortIds(ObjectNode plan, List<ProvincePlan.Target> targets) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (JsonNode indicator : plan.path("indicators")) {
            names.put(indicator.path("id").asText(), String.format(Locale.ROOT, "R%05d", names.size()));
        }
        for (JsonNode indicator : plan.path("indicators")) {
            ObjectNode copy = (ObjectNode) indicator;
            copy.put("id", names.get(copy.path("id").asText()));
            for (String ref : List.of("benchmark", "subject")) {
                if (copy.hasNonNull(ref)) {
                    copy.put(ref, names.getOrDefault(copy.path(ref).asText(), copy.path(ref).asText()));
                }
            }
        }
        return targets.stream().map(t -> new ProvincePlan.Target(names.get(t.indicatorId()), t.period())).toList();
    }

    /** The plan (its indicators in tasks of PER_NODE), each indicator's definition, and one value of each. */
    private static void feed(Settings s, ObjectNode plan, List<ProvincePlan.Target> targets) throws Exception {
        ArrayNode ids = (ArrayNode) plan.path("indicators").deepCopy();
        List<String> all = new ArrayList<>();
        ids.forEach(i -> all.add(i.path("id").asText()));
        ObjectNode defined = Api.JSON.createObjectNode();
        defined.put("planId", PLAN);
        defined.put("version", 1);
        defined.put("name", "全省“十四五”规划（报告规模测试，" + INDICATORS + " 项指标）");
        defined.put("nameEn", "Province plan (report scale, " + INDICATORS + " indicators)");
        defined.set("window", plan.path("window"));
        defined.put("timeZone", plan.path("timeZone").asText());
        defined.set("departments", plan.path("departments"));
        ArrayNode nodes = defined.putArray("nodes");
        for (int n = 0; n * PER_NODE < all.size(); n++) {
            ObjectNode node = nodes.addObject();
            node.put("id", String.format(Locale.ROOT, "task-%03d", n + 1));
            node.put("name", "第" + (n + 1) + "项任务");
            node.put("nameEn", "Task " + (n + 1));
            ArrayNode members = node.putArray("indicators");
            all.subList(n * PER_NODE, Math.min(all.size(), (n + 1) * PER_NODE)).forEach(members::add);
            node.putArray("children");
        }
        ArrayNode indicatorIds = defined.putArray("indicatorIds");
        all.forEach(indicatorIds::add);
        defined.putObject("settings").put("office", "DRC").put("review", false).put("explanationDueDays", 15);
        try (KafkaProducer<String, byte[]> producer = producer(s)) {
            send(producer, "plan.targets.v1", "plan:" + PLAN, "planpulse.plan.defined", Api.JSON.writeValueAsBytes(defined))
                    .get(); // a record too large is refused here, not lost
            int i = 0;
            for (JsonNode indicator : ids) {
                ObjectNode event = Api.JSON.createObjectNode();
                event.put("indicatorId", indicator.path("id").asText());
                event.put("version", 1);
                event.put("planId", PLAN);
                event.put("timeZone", plan.path("timeZone").asText());
                event.putArray("nodePath").add(String.format(Locale.ROOT, "task-%03d", i++ / PER_NODE + 1));
                event.set("definition", indicator);
                send(producer, "plan.targets.v1", indicator.path("id").asText(), "planpulse.indicator.defined",
                        Api.JSON.writeValueAsBytes(event));
            }
            producer.flush();
            Thread.sleep(5000); // the definitions first, as they would be in the world
            long value = 0;
            for (ProvincePlan.Target t : targets) {
                ObjectNode r = Api.JSON.createObjectNode();
                r.put("indicatorId", t.indicatorId());
                r.put("period", t.period());
                r.put("revision", 1);
                r.put("value", java.math.BigDecimal.valueOf(500_000 + value++ % 1_000_000, 4));
                r.put("provisional", false);
                r.put("withdrawn", false);
                r.put("source", "基准测试（报告规模）");
                r.putObject("reportedBy").put("dept", "BENCH").put("subject", "bench");
                r.put("receivedAt", Instant.now().toString());
                send(producer, "indicator.reports.v1", t.indicatorId(), "planpulse.report.accepted",
                        Api.JSON.writeValueAsBytes(r));
            }
            producer.flush();
        }
    }

    private static java.util.concurrent.Future<?> send(KafkaProducer<String, byte[]> producer, String topic, String key,
                                                       String type, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        DirectFeed.headers(record, type, 1);
        return producer.send(record);
    }

    private static KafkaProducer<String, byte[]> producer(Settings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** A PDF's page count, as Poppler's pdfinfo reads it (null where it is not installed). */
    private static Integer pages(Path pdf) {
        try {
            Process p = new ProcessBuilder("pdfinfo", pdf.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(out);
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
