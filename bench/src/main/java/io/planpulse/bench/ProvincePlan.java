package io.planpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A province-sized set of plans, one per city, each of {@code perCity} indicators copied from the
 * shipped plan's 28 (so every kind and grain is there, benchmarks and subjects rewired to the
 * city's own copies), and for each indicator the one period the load reports, again and again with
 * new values (so each report is a new revision of a known number).
 */
final class ProvincePlan {

    /** An indicator the load reports, and the period it reports. */
    record Target(String indicatorId, String period) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<ObjectNode> plans = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();

    /**
     * The set of plans of one letter: {@code C} for the reports sent through indicators-service,
     * {@code A} for those produced straight onto the topic ({@link DirectFeed}); the two never share an
     * indicator.
     */
    ProvincePlan(JsonNode template, char set, int cities, int perCity) {
        List<JsonNode> indicators = new ArrayList<>();
        template.path("indicators").forEach(indicators::add);
        for (int city = 1; city <= cities; city++) {
            String prefix = String.format("%c%03d-", set, city);
            ObjectNode plan = JSON.createObjectNode();
            plan.put("id", String.format("prov-%c%03d", Character.toLowerCase(set), city));
            plan.put("name", String.format("第%d市“十四五”规划（基准测试 %c）", city, set));
            plan.put("nameEn", "Benchmark city " + city + " (" + set + ")");
            plan.set("window", template.path("window"));
            plan.put("timeZone", template.path("timeZone").asText());
            plan.set("departments", template.path("departments"));
            ArrayNode ids = JSON.createArrayNode();
            ArrayNode copies = JSON.createArrayNode();
            Map<String, String> firstCopy = new HashMap<>();
            for (int k = 0; k < perCity; k++) {
                JsonNode source = indicators.get(k % indicators.size());
                String id = prefix + String.format("%03d-", k) + source.path("id").asText();
                firstCopy.putIfAbsent(source.path("id").asText(), id);
                ObjectNode copy = source.deepCopy();
                copy.put("id", id.length() > 64 ? id.substring(0, 64) : id);
                copies.add(copy);
                ids.add(copy.path("id").asText());
            }
            for (JsonNode copy : copies) {
                for (String ref : List.of("benchmark", "subject")) {
                    if (copy.hasNonNull(ref)) {
                        ((ObjectNode) copy).put(ref, firstCopy.get(copy.path(ref).asText()));
                    }
                }
                String period = period(copy);
                if (period != null && judgedOnItsOwnValue(copy)) {
                    targets.add(new Target(copy.path("id").asText(), period));
                }
            }
            ObjectNode node = JSON.createObjectNode();
            node.put("id", "all");
            node.put("name", "全部指标");
            node.set("indicators", ids);
            node.set("children", JSON.createArrayNode());
            plan.set("nodes", JSON.createArrayNode().add(node));
            plan.set("indicators", copies);
            plans.add(plan);
        }
    }

    /**
     * Whether a value reported for the indicator's period makes a progress document that names that
     * revision: not a RELATIVE that takes its subject's values, not a growth derived from amounts
     * (it needs the year before too), not a LEVEL whose baseline value is to be reported (it needs
     * that report too), not a milestone.
     */
    private static boolean judgedOnItsOwnValue(JsonNode indicator) {
        String kind = indicator.path("kind").asText();
        return !("RELATIVE".equals(kind) && indicator.hasNonNull("subject"))
                && !("LEVEL".equals(kind) && !indicator.path("baseline").hasNonNull("value"))
                && !(("GROWTH".equals(kind) || "AVERAGE_GROWTH".equals(kind)) && "AMOUNT".equals(indicator.path("input").asText()));
    }

    /** A period of the indicator's grain inside its span, reported again and again. */
    private static String period(JsonNode indicator) {
        String kind = indicator.path("kind").asText();
        if ("MILESTONE".equals(kind)) {
            return null;
        }
        return switch (indicator.path("frequency").asText()) {
            case "MONTH" -> "2021-06";
            case "QUARTER" -> "2021-Q2";
            case "HALF" -> "2021-H1";
            default -> "LEVEL".equals(kind) ? "2023" : "2021";
        };
    }
}
