package io.planpulse.platform.rest;

import io.planpulse.platform.error.InvalidRequestException;
import java.util.Optional;

/** The Idempotency-Key header as every service reads it: 1 to 200 characters, none a control character. */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";
    public static final int MAX_LENGTH = 200;

    private IdempotencyKeyHeader() {
    }

    /** The key, if one came; a 400 with code INVALID_IDEMPOTENCY_KEY when it is not a key. */
    public static Optional<String> read(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.isBlank() || header.length() > MAX_LENGTH || header.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1 to " + MAX_LENGTH + " characters, none a control character");
        }
        return Optional.of(header);
    }
}
