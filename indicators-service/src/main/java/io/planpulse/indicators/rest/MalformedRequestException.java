package io.planpulse.indicators.rest;

/** A request body that does not parse, or is not shaped as the contract says (400). */
public class MalformedRequestException extends RuntimeException {

    public MalformedRequestException(String message) {
        super(message);
    }
}
