package io.planpulse.reporting.progress;

import io.planpulse.model.event.PlanDefined;
import io.planpulse.model.event.RollupUpdated;
import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.reporting.domain.Rollup;
import io.planpulse.reporting.domain.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roll-ups of a plan (DESIGN §3): the plan's, every node's (over the indicators below it) and
 * every department's (over the indicators it owns or co-owns), by key, version not yet set.
 */
final class PlanRollups {

    /** An indicator as a roll-up sees it: its weight, whether it is binding, its owners, and its status. */
    record Member(double weight, boolean binding, List<String> owners, Status status) {

        static Member of(Indicator definition, Status status) {
            return new Member(definition.weight().doubleValue(), definition.binding(), definition.owners(), status);
        }
    }

    private PlanRollups() {
    }

    static Map<String, RollupUpdated> of(PlanDefined plan, Map<String, Member> members) {
        Map<String, RollupUpdated> out = new LinkedHashMap<>();
        String planId = plan.planId();
        out.put(RollupUpdated.planKey(planId), rollup(RollupUpdated.planKey(planId), planId, RollupUpdated.Scope.PLAN,
                planId, List.copyOf(members.values())));
        nodes(plan.nodes(), planId, members, out);
        for (Department d : plan.departments()) {
            List<Member> owned = members.values().stream().filter(m -> m.owners().contains(d.code())).toList();
            String key = RollupUpdated.departmentKey(planId, d.code());
            out.put(key, rollup(key, planId, RollupUpdated.Scope.DEPARTMENT, d.code(), owned));
        }
        return out;
    }

    /** The roll-up of any set of indicators (a department's, say), without a key. */
    static RollupUpdated of(Map<String, Member> members) {
        return rollup(null, null, null, null, List.copyOf(members.values()));
    }

    private static List<Member> nodes(List<PlanNode> nodes, String planId, Map<String, Member> members,
                                      Map<String, RollupUpdated> out) {
        List<Member> all = new ArrayList<>();
        for (PlanNode node : nodes) {
            List<Member> below = new ArrayList<>();
            node.indicators().stream().filter(members::containsKey).forEach(id -> below.add(members.get(id)));
            below.addAll(nodes(node.children(), planId, members, out));
            String key = RollupUpdated.nodeKey(planId, node.id());
            out.put(key, rollup(key, planId, RollupUpdated.Scope.NODE, node.id(), below));
            all.addAll(below);
        }
        return all;
    }

    private static RollupUpdated rollup(String key, String planId, RollupUpdated.Scope scope, String id,
                                        List<Member> members) {
        Rollup r = Rollup.of(members.stream().map(m -> new Rollup.Item(m.status(), m.weight(), m.binding())).toList());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            if (r.counts().containsKey(s)) {
                counts.put(s.name(), r.counts().get(s));
            }
        }
        return new RollupUpdated(key, planId, scope, id, counts, r.status().name(), r.bindingStatus().name(),
                r.onTrackShare(), 0);
    }

    /** The roll-up as the REST tree shows it. */
    static Map<String, Object> view(RollupUpdated r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.status());
        body.put("counts", r.counts());
        body.put("onTrackShare", r.onTrackShare());
        body.put("bindingStatus", r.bindingStatus());
        return body;
    }
}
