package io.planpulse.model.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan: its window, departments, tree of nodes and indicators, validated and with defaults
 * applied; {@code settings} is null for a plan whose document has no settings block.
 */
public record Plan(
        String id,
        String name,
        String nameEn,
        Window window,
        String timeZone,
        String note,
        List<Department> departments,
        List<PlanNode> nodes,
        List<Indicator> indicators,
        PlanSettings settings) {

    public static final String DEFAULT_TIME_ZONE = "Asia/Shanghai";

    public Plan {
        departments = List.copyOf(departments);
        nodes = List.copyOf(nodes);
        indicators = List.copyOf(indicators);
    }

    public Optional<Indicator> indicator(String indicatorId) {
        return indicators.stream().filter(i -> i.id().equals(indicatorId)).findFirst();
    }

    /**
     * The node path of every indicator that sits under a node: the ids from the top of the tree
     * down to the node that lists it.
     */
    public Map<String, List<String>> nodePaths() {
        Map<String, List<String>> paths = new java.util.LinkedHashMap<>();
        collectPaths(nodes, new ArrayList<>(), paths);
        return paths;
    }

    private static void collectPaths(List<PlanNode> nodes, List<String> prefix, Map<String, List<String>> out) {
        for (PlanNode node : nodes) {
            List<String> path = new ArrayList<>(prefix);
            path.add(node.id());
            for (String indicatorId : node.indicators()) {
                out.put(indicatorId, List.copyOf(path));
            }
            collectPaths(node.children(), path, out);
        }
    }
}
