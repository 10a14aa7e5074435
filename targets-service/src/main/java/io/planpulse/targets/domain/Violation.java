package io.planpulse.targets.domain;

/** One problem of a plan document: where it is (a path such as {@code indicators[3].target.value}), its code, and what is wrong. */
public record Violation(String path, ViolationCode code, String message) {
}
