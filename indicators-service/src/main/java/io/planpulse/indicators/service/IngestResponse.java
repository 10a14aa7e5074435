package io.planpulse.indicators.service;

/** What an ingestion answers: the HTTP status, the media type and the JSON body (kept for retries). */
public record IngestResponse(int status, String type, String body) {
}
