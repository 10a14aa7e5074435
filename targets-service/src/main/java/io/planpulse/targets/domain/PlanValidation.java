package io.planpulse.targets.domain;

import io.planpulse.model.plan.Plan;
import java.util.List;

/** The outcome of reading a plan document: a valid plan, or every problem found. */
public sealed interface PlanValidation {

    record Valid(Plan plan) implements PlanValidation {
    }

    record Invalid(List<Violation> violations) implements PlanValidation {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}
