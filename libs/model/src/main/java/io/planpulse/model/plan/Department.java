package io.planpulse.model.plan;

/** A department that owns indicators and reports their values. */
public record Department(String code, String name, String nameEn) {
}
