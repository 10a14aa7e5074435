package io.planpulse.reporting.progress;

import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.reporting.domain.Progress;
import io.planpulse.reporting.repository.StoredIndicator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The progress document of DESIGN §7, made from a computed {@link Progress}. */
final class ProgressDocuments {

    private ProgressDocuments() {
    }

    static ProgressUpdated of(Progress p, StoredIndicator stored, int version, Instant computedAt) {
        return new ProgressUpdated(p.indicatorId(), stored.planId(), stored.definition().name(),
                stored.definition().nameEn(), p.kind().name(), p.unit(), p.status().name(),
                p.reason() == null ? null : p.reason().name(), p.period(), p.actual(), p.baseline(), p.target(),
                p.expected(), p.progress(), p.expectedProgress(), p.gap(), p.forecast(), p.forecastMeetsTarget(),
                p.requiredRate(), p.requiredPerPeriod(), p.late(), p.provisional(), p.awaitingBenchmark(),
                p.compliance(), p.missingPeriods(), p.revision(), version, p.asOf(), computedAt,
                new ProgressUpdated.Explanation(p.explanation().zh(), p.explanation().en()));
    }

    /** The same document without what changes with every computation: version, as-of and computed instants. */
    static ProgressUpdated content(ProgressUpdated d) {
        return new ProgressUpdated(d.indicatorId(), d.planId(), d.name(), d.nameEn(), d.kind(), d.unit(), d.status(), d.reason(), d.period(),
                d.actual(), d.baseline(), d.target(), d.expected(), d.progress(), d.expectedProgress(), d.gap(),
                d.forecast(), d.forecastMeetsTarget(), d.requiredRate(), d.requiredPerPeriod(), d.late(), d.provisional(),
                d.awaitingBenchmark(), d.compliance(), d.missingPeriods(), d.revision(), 0, null, null, d.explanation());
    }

    /**
     * A hash of the document's content (SHA-256 of its JSON, hex): two documents with the same
     * content have the same hash, so a judgement compares hashes instead of reading the last document.
     */
    static String contentHash(ProgressUpdated d, Json json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.bytes(content(d))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
