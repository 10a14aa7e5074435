package io.planpulse.model.plan;

import java.util.List;

/** A task, action or sub-task of the plan: a node of its tree, whose leaves reference indicators. */
public record PlanNode(String id, String name, String nameEn, List<String> indicators, List<PlanNode> children) {

    public PlanNode {
        indicators = List.copyOf(indicators);
        children = List.copyOf(children);
    }
}
