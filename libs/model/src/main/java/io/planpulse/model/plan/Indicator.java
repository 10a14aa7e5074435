package io.planpulse.model.plan;

import java.math.BigDecimal;
import java.util.List;

/**
 * An indicator of the plan with its target, every default applied. Fields that do not apply to
 * the indicator's kind are null, and so are the optional English name and unit where the plan
 * gives none.
 */
public record Indicator(
        String id,
        String name,
        String nameEn,
        String unit,
        String unitEn,
        IndicatorKind kind,
        Grain frequency,
        Direction direction,
        List<String> owners,
        boolean binding,
        BigDecimal weight,
        BigDecimal riskBand,
        int dueDays,
        Basis basis,
        Input input,
        Trajectory trajectory,
        Baseline baseline,
        Target target,
        List<String> stages,
        String benchmark,
        String subject,
        Window window,
        String note) {

    public Indicator {
        owners = List.copyOf(owners);
        stages = stages == null ? null : List.copyOf(stages);
    }

    /** The lead department: the first owner. */
    public String leadDepartment() {
        return owners.get(0);
    }
}
