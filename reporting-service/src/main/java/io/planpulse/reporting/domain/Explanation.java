package io.planpulse.reporting.domain;

/** A short account of the rule applied and the numbers it used, in Chinese and English. */
public record Explanation(String zh, String en) {
}
