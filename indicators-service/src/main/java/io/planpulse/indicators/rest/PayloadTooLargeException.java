package io.planpulse.indicators.rest;

/** A batch over the limits: too many bytes or rows (413). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
