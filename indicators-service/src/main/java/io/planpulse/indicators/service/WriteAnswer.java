package io.planpulse.indicators.service;

/** What a write answers: the HTTP status, the media type and the JSON body (kept for retries). */
public record WriteAnswer(int status, String type, String body) {
}
