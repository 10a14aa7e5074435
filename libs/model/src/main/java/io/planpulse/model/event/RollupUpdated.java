package io.planpulse.model.event;

import java.util.Map;

/**
 * {@code planpulse.rollup.updated} on {@code plan.rollups.v1}: the roll-up of a plan, a node or a
 * department, keyed {@code plan:<planId>}, {@code node:<planId>/<nodeId>} or {@code dept:<planId>/<code>},
 * with its per-key {@code version}. {@code counts} has one entry per status (NO_TARGET left out);
 * {@code onTrackShare} is null while no indicator below has data.
 */
public record RollupUpdated(String key, String planId, Scope scope, String id, Map<String, Integer> counts,
                            String status, String bindingStatus, Double onTrackShare, int version) {

    /** What a roll-up covers. */
    public enum Scope {
        PLAN,
        NODE,
        DEPARTMENT
    }

    public static String planKey(String planId) {
        return "plan:" + planId;
    }

    public static String nodeKey(String planId, String nodeId) {
        return "node:" + planId + "/" + nodeId;
    }

    public static String departmentKey(String planId, String code) {
        return "dept:" + planId + "/" + code;
    }
}
