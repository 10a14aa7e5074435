package io.planpulse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the cluster's alerts name (deploy/base/monitoring/prometheusrules.yaml, read from PromQL:
 * what is left once strings, label matchers, ranges, groupings, functions and keywords are taken out),
 * and those the exporters beside the services document (deploy/src/test/resources/exporter-metrics.tsv).
 */
record AlertMetrics(Set<String> named, Set<String> exporters) {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    static AlertMetrics of(Path root) throws IOException {
        JsonNode rules = new YAMLMapper().readTree(root.resolve("deploy/base/monitoring/prometheusrules.yaml").toFile());
        Set<String> named = new TreeSet<>();
        for (JsonNode group : rules.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                named.addAll(inExpression(rule.path("expr").asText()));
            }
        }
        Set<String> exporters = new TreeSet<>();
        for (String line : Files.readAllLines(root.resolve("deploy/src/test/resources/exporter-metrics.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                exporters.add(line.split("\t")[0]);
            }
        }
        return new AlertMetrics(named, exporters);
    }

    static Set<String> inExpression(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** The metric names of a Prometheus text exposition (a histogram's or summary's series under their own names). */
    static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = IDENTIFIER.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }
}
