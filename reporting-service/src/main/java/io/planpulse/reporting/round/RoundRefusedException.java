package io.planpulse.reporting.round;

import io.planpulse.reporting.domain.RoundRules;

/** An action on a round that its rules refuse, answered as a problem with the refusal's status and code. */
public class RoundRefusedException extends RuntimeException {

    private final transient RoundRules.Refusal refusal;

    public RoundRefusedException(RoundRules.Refusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public RoundRules.Refusal refusal() {
        return refusal;
    }
}
