package io.planpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Each service's resident memory (sampled, the highest kept) and its start-up time (from its log). */
final class Footprint implements AutoCloseable {

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> maxRssKb = new ConcurrentHashMap<>();
    private final Path logs;
    private final Thread sampler;
    private volatile boolean running = true;

    /** {@code pids} as the launcher passes them: {@code name=pid,name=pid}. */
    Footprint(String pidList, Path logs) {
        this.logs = logs;
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

    /** The start-up time Quarkus logged at the service's last start, in seconds; NaN when not found. */
    double startSeconds(String service) {
        return startSeconds(logs.resolve(service + ".log"));
    }

    /** The start-up time Quarkus logged at the last start this log holds, in seconds; NaN when not found. */
    static double startSeconds(Path log) {
        try {
            Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
            double last = Double.NaN;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            return last;
        } catch (IOException e) {
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
