package io.planpulse.targets.service;

/** An If-Match that no longer names the plan's current version: someone changed it meanwhile (412). */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
