package io.planpulse.targets.service;

import io.planpulse.targets.domain.Violation;
import java.util.List;

/** A plan document that breaks the rules of DESIGN §3 (422), with every problem found. */
public class PlanInvalidException extends RuntimeException {

    private final List<Violation> violations;

    public PlanInvalidException(List<Violation> violations) {
        super(violations.size() + " problem(s) in the plan document");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
