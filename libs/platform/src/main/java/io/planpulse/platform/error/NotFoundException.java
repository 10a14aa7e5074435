package io.planpulse.platform.error;

/** A plan or indicator that does not exist (404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
