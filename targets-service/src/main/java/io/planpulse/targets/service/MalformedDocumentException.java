package io.planpulse.targets.service;

/** A request body that does not parse as the JSON or YAML it claims to be (400). */
public class MalformedDocumentException extends RuntimeException {

    public MalformedDocumentException(String message) {
        super(message);
    }
}
