package io.planpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each service's resident memory (sampled, the highest kept), its start-up time (exec to ready, as
 * the launcher measured it) and its JIT compilers' CPU time. A service is the process the launcher
 * records in {@code .planpulse/run/NAME.pid} (a pattern could match another run's, a fault suite's),
 * read again at each sample: {@link Starts} restarts them.
 */
final class Footprint implements AutoCloseable {

    private static final Pattern STATUS_LINE = Pattern.compile("^(\\w+):\\s+(\\d+) kB$");

    private final Path run;
    private final Map<String, Long> maxRssKb = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile boolean paused;

    Footprint(Path run) {
        this.run = run;
        sampler = new Thread(() -> {
            while (running) {
                for (String service : paused ? List.<String>of() : services()) {
                    long pid = pid(service);
                    if (pid > 0) {
                        maxRssKb.merge(service, rssKb(pid), Math::max);
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * While {@code restarts} runs, no resident memory is sampled: a restart is no load, and a JVM
     * writing its class archive as it exits maps the archive beside everything it holds.
     */
    <T> T pausedFor(Callable<T> restarts) throws Exception {
        paused = true;
        try {
            return restarts.call();
        } finally {
            paused = false;
        }
    }

    List<String> services() {
        return Starts.SERVICES;
    }

    long pid(String service) {
        return recordedPid(run, service);
    }

    /** The process the launcher recorded for {@code name} in its run folder; 0 when it records none. */
    static long recordedPid(Path run, String name) {
        try {
            return Long.parseLong(Files.readString(run.resolve(name + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The highest resident memory seen, in MB. */
    long maxRssMb(String service) {
        return maxRssKb.getOrDefault(service, 0L) / 1024;
    }

    /**
     * From the launcher's exec of the service to its first ready answer, in seconds, as the launcher
     * measured its last start ({@code .planpulse/run/NAME.ready-ms}); NaN when not recorded.
     */
    static double readySeconds(Path run, String service) {
        try {
            return Long.parseLong(Files.readString(run.resolve(service + ".ready-ms")).trim()) / 1000.0;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds the service's JIT compilers have used so far (its java.ci.totalTime counter); NaN when unknown. */
    double jitSeconds(String service) {
        long pid = pid(service);
        if (pid == 0) {
            return Double.NaN;
        }
        String out = jcmd(pid, "PerfCounter.print");
        long ticks = counter(out, "java.ci.totalTime");
        long frequency = counter(out, "sun.os.hrt.frequency");
        return ticks > 0 && frequency > 0 ? ticks / (double) frequency : Double.NaN;
    }

    /**
     * What the service's resident memory is made of now, in MB (threads: a count), from the kernel's
     * counts and the JVM's own (jcmd): the heap the collector has committed, the class metadata
     * (metaspace, with the compressed class space), the JIT's code at its highest. What they leave
     * of the resident memory is native: the JVM's malloc (symbols, the JIT's arenas, collector
     * structures), thread stacks, direct buffers, and the pages of the class archive it touched
     * (file-backed). Empty when the service runs no more.
     */
    Map<String, Long> composition(String service) {
        long pid = pid(service);
        Map<String, Long> mb = new LinkedHashMap<>();
        Map<String, Long> status = procStatusKb(pid);
        if (!status.containsKey("VmRSS")) {
            return mb;
        }
        String counters = jcmd(pid, "PerfCounter.print");
        Matcher code = Pattern.compile("max_used=(\\d+)Kb").matcher(jcmd(pid, "Compiler.codecache"));
        mb.put("residentMb", status.get("VmRSS") / 1024);
        mb.put("residentAnonymousMb", status.getOrDefault("RssAnon", 0L) / 1024);
        mb.put("residentFileMb", status.getOrDefault("RssFile", 0L) / 1024);
        mb.put("heapCommittedMb", (counter(counters, "sun.gc.generation.0.capacity")
                + counter(counters, "sun.gc.generation.1.capacity")) / (1024 * 1024));
        mb.put("classMetadataMb", counter(counters, "sun.gc.metaspace.capacity") / (1024 * 1024));
        mb.put("jitCodeMb", code.find() ? Long.parseLong(code.group(1)) / 1024 : -1);
        mb.put("threads", counter(counters, "java.threads.live"));
        return mb;
    }

    private static long counter(String counters, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "=(\\d+)").matcher(counters);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String jcmd(long pid, String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The kB lines of /proc/PID/status (VmRSS, RssAnon, RssFile, ...); empty when there is no such process. */
    private static Map<String, Long> procStatusKb(long pid) {
        Map<String, Long> kb = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                Matcher m = STATUS_LINE.matcher(line);
                if (m.find()) {
                    kb.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return kb;
    }

    static long rssKb(long pid) {
        return procStatusKb(pid).getOrDefault("VmRSS", 0L);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
