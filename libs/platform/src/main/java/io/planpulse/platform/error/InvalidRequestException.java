package io.planpulse.platform.error;

/** A request parameter that is out of bounds (400), with a stable code. */
public class InvalidRequestException extends RuntimeException {

    private final String code;

    public InvalidRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
