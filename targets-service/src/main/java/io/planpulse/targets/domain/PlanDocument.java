package io.planpulse.targets.domain;

import io.planpulse.model.plan.Department;
import io.planpulse.model.plan.Indicator;
import io.planpulse.model.plan.Plan;
import io.planpulse.model.plan.PlanNode;
import io.planpulse.model.plan.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a plan back as the document of DESIGN §3, fields in a fixed order and every default made
 * explicit, so that what is read can be written back unchanged and two equal plans give equal
 * documents.
 */
public final class PlanDocument {

    private PlanDocument() {
    }

    public static Map<String, Object> of(Plan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", plan.id());
        doc.put("name", plan.name());
        putIfSet(doc, "nameEn", plan.nameEn());
        doc.put("window", window(plan.window()));
        doc.put("timeZone", plan.timeZone());
        putIfSet(doc, "note", plan.note());
        List<Object> departments = new ArrayList<>();
        for (Department d : plan.departments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", d.code());
            m.put("name", d.name());
            putIfSet(m, "nameEn", d.nameEn());
            departments.add(m);
        }
        doc.put("departments", departments);
        doc.put("nodes", nodes(plan.nodes()));
        List<Object> indicators = new ArrayList<>();
        plan.indicators().forEach(i -> indicators.add(indicator(i)));
        doc.put("indicators", indicators);
        if (plan.settings() != null) {
            Map<String, Object> settings = new LinkedHashMap<>();
            putIfSet(settings, "office", plan.settings().office());
            settings.put("review", plan.settings().review());
            settings.put("explanationDueDays", plan.settings().explanationDueDays());
            doc.put("settings", settings);
        }
        return doc;
    }

    public static Map<String, Object> indicator(Indicator i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("name", i.name());
        putIfSet(m, "nameEn", i.nameEn());
        putIfSet(m, "unit", i.unit());
        putIfSet(m, "unitEn", i.unitEn());
        m.put("kind", i.kind().name());
        m.put("frequency", i.frequency().name());
        m.put("direction", i.direction().name());
        m.put("owners", i.owners());
        m.put("binding", i.binding());
        m.put("weight", i.weight());
        m.put("riskBand", i.riskBand());
        m.put("dueDays", i.dueDays());
        putIfSet(m, "basis", i.basis() == null ? null : i.basis().name());
        putIfSet(m, "input", i.input() == null ? null : i.input().name());
        putIfSet(m, "trajectory", i.trajectory() == null ? null : i.trajectory().name());
        putIfSet(m, "benchmark", i.benchmark());
        putIfSet(m, "subject", i.subject());
        putIfSet(m, "stages", i.stages());
        if (i.baseline() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("period", i.baseline().period());
            putIfSet(b, "value", i.baseline().value());
            m.put("baseline", b);
        }
        if (i.target() != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            putIfSet(t, "period", i.target().period());
            putIfSet(t, "from", i.target().from());
            putIfSet(t, "to", i.target().to());
            putIfSet(t, "value", i.target().value());
            m.put("target", t);
        }
        if (i.window() != null) {
            m.put("window", window(i.window()));
        }
        putIfSet(m, "note", i.note());
        return m;
    }

    private static List<Object> nodes(List<PlanNode> nodes) {
        List<Object> out = new ArrayList<>();
        for (PlanNode n : nodes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("name", n.name());
            putIfSet(m, "nameEn", n.nameEn());
            m.put("indicators", n.indicators());
            m.put("children", nodes(n.children()));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> window(Window w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", w.from());
        m.put("to", w.to());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
