package io.planpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each service's resident memory (sampled, the highest kept), its start-up time (exec to ready, as
 * {@code up} measured it) and its JIT compilers' CPU time.
 */
final class Footprint implements AutoCloseable {

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> maxRssKb = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** {@code pids} as the launcher passes them: {@code name=pid,name=pid}. */
    Footprint(String pidList) {
        for (String entry : pidList.split(",")) {
            String[] kv = entry.split("=");
            if (kv.length == 2 && !kv[1].isBlank()) {
                pids.put(kv[0], Long.parseLong(kv[1].trim()));
            }
        }
        sampler = new Thread(() -> {
            while (running) {
                pids.forEach((name, pid) -> maxRssKb.merge(name, rssKb(pid), Math::max));
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

    Map<String, Long> pids() {
        return pids;
    }

    /** The highest resident memory seen, in MB. */
    long maxRssMb(String service) {
        return maxRssKb.getOrDefault(service, 0L) / 1024;
    }

    /**
     * From the launcher's exec of the service to its first ready answer, in seconds, as {@code up}
     * measured it ({@code .planpulse/run/NAME.ready-ms}); NaN when not recorded.
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
        Long pid = pids.get(service);
        if (pid == null) {
            return Double.NaN;
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    pid.toString(), "PerfCounter.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            Matcher ticks = Pattern.compile("java\\.ci\\.totalTime=(\\d+)").matcher(out);
            Matcher frequency = Pattern.compile("sun\\.os\\.hrt\\.frequency=(\\d+)").matcher(out);
            return ticks.find() && frequency.find()
                    ? Long.parseLong(ticks.group(1)) / (double) Long.parseLong(frequency.group(1)) : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
