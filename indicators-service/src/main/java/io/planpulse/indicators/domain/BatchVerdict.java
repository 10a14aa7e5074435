package io.planpulse.indicators.domain;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The verdict on a batch: each row's, the withdrawals a replace adds for the values of its scope
 * that the batch no longer holds, or the refusal of the whole batch (a replace scope reaching
 * indicators the caller may not report), which stores nothing.
 */
public record BatchVerdict(List<RowResult> rows, List<RowResult.Accepted> withdrawals, Optional<RowIssue> refusal) {

    public BatchVerdict {
        rows = List.copyOf(rows);
        withdrawals = List.copyOf(withdrawals);
    }

    static BatchVerdict refused(RowIssue refusal) {
        return new BatchVerdict(List.of(), List.of(), Optional.of(refusal));
    }

    /** True when a row was refused, or the batch as a whole. */
    public boolean conflicts() {
        return refusal.isPresent() || rows.stream().anyMatch(r -> r instanceof RowResult.Rejected);
    }

    /** What a store writes: every accepted row that makes a revision, then the replace's withdrawals. */
    public List<RowResult.Accepted> revisions() {
        return Stream.concat(rows.stream().filter(r -> r instanceof RowResult.Accepted a && a.stores())
                .map(r -> (RowResult.Accepted) r), withdrawals.stream()).toList();
    }
}
