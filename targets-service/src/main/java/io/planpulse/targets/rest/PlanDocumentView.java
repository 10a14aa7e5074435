package io.planpulse.targets.rest;

import io.planpulse.targets.service.IndicatorMeta;
import io.planpulse.targets.service.PlanSnapshot;
import io.planpulse.targets.service.ReplaceOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** The plan document as served: the stored document plus its read-only {@code meta} object. */
final class PlanDocumentView {

    private PlanDocumentView() {
    }

    static Map<String, Object> withMeta(PlanSnapshot plan, ReplaceOutcome outcome) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", plan.version());
        meta.put("etag", plan.etag());
        meta.put("updatedAt", plan.updatedAt().toString());
        meta.put("updatedBy", plan.updatedBy());
        if (outcome != null) {
            meta.put("outcome", outcome.name());
        }
        Map<String, Object> indicators = new LinkedHashMap<>();
        for (Map.Entry<String, IndicatorMeta> e : plan.indicators().entrySet()) {
            indicators.put(e.getKey(), meta(e.getValue()));
        }
        meta.put("indicators", indicators);
        Map<String, Object> body = new LinkedHashMap<>(plan.document());
        body.put("meta", meta);
        return body;
    }

    static Map<String, Object> meta(IndicatorMeta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", meta.version());
        m.put("updatedAt", meta.updatedAt().toString());
        return m;
    }
}
